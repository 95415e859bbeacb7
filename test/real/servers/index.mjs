// The real servers a test file needs. `test/real/run.mjs` starts all of them once and
// hands their addresses to every test process in EQ_REAL_SERVERS; a file run on its
// own (`node --test test/real/engine/llama.test.mjs`) starts the ones it needs
// itself and stops them when it ends.

import { startLitellm } from './litellm.mjs'
import { startLlama } from './llama.mjs'
import { startOllama } from './ollama.mjs'

export { MOCK_TEXT } from './litellm.mjs'
export { llamaTotals } from './llama.mjs'
export { MODEL, OLLAMA_MODEL } from './manifest.mjs'

/**
 * @typedef {{ url: string }} Endpoint
 * @typedef {{ llama?: Endpoint, litellm?: Endpoint & { key: string }, ollama?: Endpoint }} Servers
 * @typedef {'llama' | 'litellm' | 'ollama'} ServerName
 */

/** Addresses handed over by the runner, or null. */
export function sharedServers() {
  const raw = process.env.EQ_REAL_SERVERS
  return raw ? /** @type {Servers} */ (JSON.parse(raw)) : null
}

/**
 * Starts `names` (LiteLLM brings llama.cpp, which it forwards to) and returns their
 * addresses plus one `stop` for all, in reverse order of start.
 * @param {ServerName[]} names
 */
export async function startServers(names) {
  /** @type {Servers} */
  const servers = {}
  /** @type {Array<() => Promise<void>>} */
  const stops = []
  const stop = async () => {
    for (const s of stops.reverse()) await s()
  }
  try {
    if (names.includes('llama') || names.includes('litellm')) {
      const llama = await startLlama()
      stops.push(llama.stop)
      servers.llama = { url: llama.url }
    }
    if (names.includes('litellm')) {
      const litellm = await startLitellm({ llamaUrl: /** @type {Endpoint} */ (servers.llama).url })
      stops.push(litellm.stop)
      servers.litellm = { url: litellm.url, key: litellm.key }
    }
    if (names.includes('ollama')) {
      const ollama = await startOllama()
      stops.push(ollama.stop)
      servers.ollama = { url: ollama.url }
    }
  } catch (err) {
    await stop()
    throw err
  }
  return { servers, stop }
}

/**
 * The servers `names` for one test file: the runner's, or started here and stopped by
 * the returned `release`.
 * @param {ServerName[]} names
 * @returns {Promise<{ servers: Required<Servers>, release: () => Promise<void> }>}
 */
export async function acquireServers(names) {
  const shared = sharedServers()
  if (shared) {
    const missing = names.filter((n) => !shared[n])
    if (missing.length > 0) throw new Error(`EQ_REAL_SERVERS lacks ${missing.join(', ')}`)
    return { servers: /** @type {Required<Servers>} */ (shared), release: async () => {} }
  }
  const { servers, stop } = await startServers(names)
  return { servers: /** @type {Required<Servers>} */ (servers), release: stop }
}
