// llama.cpp's server with SmolLM2-135M on 127.0.0.1 (see llama_server.py), and its
// own clock: the cumulative prompt and decode seconds it reports on /metrics.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ggufPath, MODEL, PYTHON } from './manifest.mjs'
import { answers, serverEnv, startProcess } from './process.mjs'

const SCRIPT = join(new URL('.', import.meta.url).pathname, 'llama_server.py')

/** @returns {Promise<{ url: string, stop: () => Promise<void>, output: () => string }>} */
export async function startLlama() {
  const gguf = ggufPath()
  if (!existsSync(PYTHON) || !gguf) {
    throw new Error(
      'llama.cpp (xllamacpp) or the SmolLM2 GGUF is not installed: run `node scripts/setup-real-servers.mjs`',
    )
  }
  let url = ''
  const proc = await startProcess({
    name: 'llama.cpp',
    cmd: PYTHON,
    args: [SCRIPT, gguf, '0', MODEL],
    env: serverEnv({ HF_HUB_OFFLINE: '1' }),
    timeoutMs: 60_000,
    ready: async (out) => {
      url ||= /READY (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? ''
      return url !== '' && (await answers(`${url}/health`))
    },
  })
  return { url, stop: proc.stop, output: proc.output }
}

/**
 * llama.cpp's own totals so far (seconds and tokens, from /metrics). The difference
 * between two reads around one request is that request's server-side timing.
 * @param {string} url
 */
export async function llamaTotals(url) {
  const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text()
  const read = (name) => {
    const m = new RegExp(`^llamacpp:${name} ([0-9.e+-]+)$`, 'm').exec(text)
    if (!m) throw new Error(`llama.cpp's /metrics has no ${name}:\n${text.slice(0, 2000)}`)
    return Number(m[1])
  }
  return {
    promptSeconds: read('prompt_seconds_total'),
    promptTokens: read('prompt_tokens_total'),
    decodeSeconds: read('tokens_predicted_seconds_total'),
    decodeTokens: read('tokens_predicted_total'),
  }
}
