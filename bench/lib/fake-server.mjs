// The loopback fake provider in its own process, so the server's work never
// shares the measured client's event loop. Scripts are set per model name
// (each measurement owns one model), so no measurement depends on another's
// leftovers.

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../../test/fake-provider/cli.mjs', import.meta.url))

/**
 * @param {Record<string, object>} scripts model name → fake-provider script
 * @returns {Promise<{url: string, base: string, pid: number, clearRequests: () => Promise<void>, close: () => Promise<void>}>}
 */
export async function startFakeServer(scripts) {
  const child = spawn(process.execPath, [CLI], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise((resolve, reject) => {
    let out = ''
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`fake provider exited early (code ${code})`)))
    child.stdout.on('data', (d) => {
      out += d
      const m = /FAKE_PROVIDER_URL=(\S+)/.exec(out)
      if (m) resolve(m[1])
    })
  })
  child.removeAllListeners('exit')
  const control = async (method, path, body) => {
    const res = await fetch(`${url}/__control/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`fake provider control ${method} ${path}: HTTP ${res.status} ${await res.text()}`)
  }
  for (const [model, script] of Object.entries(scripts)) {
    await control('PUT', `scripts/${encodeURIComponent(model)}`, script)
  }
  return {
    url,
    base: `${url}/v1`,
    pid: /** @type {number} */ (child.pid),
    clearRequests: () => control('DELETE', 'requests'),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined)
        child.once('exit', () => resolve(undefined))
        child.kill('SIGTERM')
      }),
  }
}
