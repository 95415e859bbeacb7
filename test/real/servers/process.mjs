// Starting and stopping a server process for the tests: its own process group (so
// stopping it ends every child it spawned, e.g. Ollama's runner), output kept for
// error messages, readiness polled over HTTP within a bounded time, and a stop that
// escalates from SIGTERM to SIGKILL. Every started group is also killed when the
// test process exits, so nothing is left running even after a crash.

import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

/** @type {Set<number>} process-group ids still running */
const groups = new Set()
process.on('exit', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL')
    } catch {}
  }
})

/** A free 127.0.0.1 port (bound then released: the server binds it right after). */
export async function freePort() {
  const srv = createServer()
  await new Promise((resolve, reject) => {
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address())
  await new Promise((resolve) => srv.close(() => resolve(undefined)))
  return port
}

/**
 * @typedef {object} ServerProcess
 * @property {string} name
 * @property {number} pid
 * @property {() => string} output the last 64 KiB of stdout + stderr
 * @property {() => Promise<void>} stop
 */

/**
 * Spawns `cmd` in a new process group and resolves once `ready()` is true.
 * @param {{ name: string, cmd: string, args: string[], env: Record<string, string>, cwd?: string,
 *           ready: (output: string) => Promise<boolean>, timeoutMs: number }} o
 * @returns {Promise<ServerProcess>}
 */
export async function startProcess(o) {
  const child = spawn(o.cmd, o.args, { env: o.env, cwd: o.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (/** @type {Buffer} */ d) => {
    output = (output + d.toString()).slice(-65_536)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  const spawned = await new Promise((resolve) => {
    child.once('spawn', () => resolve(true))
    child.once('error', (err) => {
      output += String(err)
      resolve(false)
    })
  })
  if (!spawned || child.pid === undefined) throw new Error(`${o.name} could not be started (${o.cmd}): ${output}`)
  const pid = child.pid
  groups.add(pid)

  const stop = async () => {
    if (!groups.has(pid)) return
    const signalGroup = (/** @type {NodeJS.Signals} */ sig) => {
      try {
        process.kill(-pid, sig)
      } catch {}
    }
    signalGroup('SIGTERM')
    const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])
    // The leader may exit before its children (Ollama's runner): always sweep the group.
    signalGroup('SIGKILL')
    if (!done) await Promise.race([exited, sleep(2000)])
    groups.delete(pid)
  }

  const deadline = Date.now() + o.timeoutMs
  for (;;) {
    const gone = await Promise.race([exited, sleep(0).then(() => null)])
    if (gone) {
      groups.delete(pid)
      throw new Error(`${o.name} exited during start (${JSON.stringify(gone)}):\n${output.slice(-4000)}`)
    }
    if (await o.ready(output).catch(() => false)) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${o.name} was not ready within ${o.timeoutMs / 1000} s:\n${output.slice(-4000)}`)
    }
    await sleep(200)
  }
  return { name: o.name, pid, output: () => output, stop }
}

/** True when `url` answers 2xx within a second. */
export async function answers(url, init = {}) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(1000) })
  await res.arrayBuffer()
  return res.ok
}

export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms))

/** The environment a server gets: this process's, minus anything that could send it to the internet. */
export function serverEnv(extra = {}) {
  const env = { ...process.env }
  for (const k of Object.keys(env)) {
    if (/_API_KEY$|_API_BASE$|^OPENAI_|^ANTHROPIC_|^GEMINI_|^OLLAMA_|^LITELLM_/.test(k)) delete env[k]
  }
  return { ...env, NO_PROXY: '127.0.0.1,localhost', ...extra }
}
