// The loopback fake LLM provider: one HTTP server speaking the OpenAI
// (+ compatible + Azure), Anthropic, Gemini and Ollama wires, scripted by
// tests. Lifecycle, request logging and dispatch live here; wire formats,
// pacing and scripts each have their own module.

import { createServer } from 'node:http'
import { createControls, handleControl } from './control-api.mjs'
import { handleChat, handleEmbeddings, handleModels } from './handlers.mjs'
import { parseJson, readBody, sendJson } from './http-io.mjs'
import { now } from './pacing.mjs'
import { matchRoute } from './router.mjs'
import { createState, logRequest } from './state.mjs'

export { encodeScriptHeader } from './script.mjs'

/** @typedef {import('./types.mjs').Script} Script */
/** @typedef {import('./state.mjs').LoggedRequest} LoggedRequest */

/**
 * @typedef {Object} FakeProviderOptions
 * @property {number} [port] 0 (default) picks an ephemeral port.
 * @property {string} [host] Only loopback is allowed: '127.0.0.1' (default) or 'localhost'.
 * @property {number} [logLimit] Keep at most this many logged requests (default 10,000).
 */

/**
 * @typedef {Object} FakeProvider
 * @property {string} url 'http://127.0.0.1:PORT', no trailing slash.
 * @property {number} port
 * @property {LoggedRequest[]} requests Live log (not /__control/ calls); the same array across resets.
 * @property {(script: Script|null) => void} setDefaultScript
 * @property {(model: string, script: Script|null) => void} setModelScript
 * @property {() => void} clearScripts
 * @property {(provider: string, ids: string[]|null) => void} setModels
 * @property {() => void} clearRequests
 * @property {() => void} reset Scripts, fail_first counters, request log, model lists.
 * @property {() => Promise<void>} close Destroys open (even stalled) streams and stops listening.
 */

/**
 * Start a fake provider on loopback.
 * @param {FakeProviderOptions} [opts]
 * @returns {Promise<FakeProvider>}
 */
export async function startFakeProvider(opts = {}) {
  const host = opts.host === undefined || opts.host === 'localhost' ? '127.0.0.1' : opts.host
  // Tests must never expose a server beyond this machine.
  if (host !== '127.0.0.1') throw new Error(`fake provider binds to 127.0.0.1 only, got host "${opts.host}"`)

  const state = createState({ logLimit: opts.logLimit })
  const controls = createControls(state)
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()

  const server = createServer((req, res) => {
    dispatch(req, res).catch((err) => {
      // A client that hangs up while we read its body is not a server fault.
      if (req.destroyed && !res.headersSent) return res.destroy()
      console.error('fake-provider: handler failed:', err)
      if (!res.headersSent) sendJson(res, 500, { error: { message: `fake provider bug: ${err.message}` } })
      else res.destroy()
    })
  })
  server.on('connection', (sock) => {
    sockets.add(sock)
    sock.once('close', () => sockets.delete(sock))
  })

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function dispatch(req, res) {
    const clock = { start: now() }
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    const parsed = parseJson(await readBody(req))
    if (path.startsWith('/__control/')) return handleControl(res, method, path, parsed, controls, state)

    const query = Object.fromEntries(url.searchParams)
    const route = matchRoute(method, path, req.headers, query)
    logRequest(state, {
      method,
      path,
      query,
      headers: { ...req.headers },
      body: parsed.body,
      provider: route?.provider ?? null,
    })
    if (!route) {
      return sendJson(res, 404, {
        error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null },
      })
    }
    const ctx = { req, res, route, body: parsed.body, badJson: parsed.bad, query, state, clock }
    if (route.kind === 'embeddings') return handleEmbeddings(ctx)
    return route.kind === 'models' ? handleModels(ctx) : handleChat(ctx)
  }

  // A large backlog so 1,000 concurrent benchmark streams connect without SYN retries.
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port: opts.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port

  return {
    url: `http://${host}:${port}`,
    port,
    get requests() {
      return state.requests
    },
    ...controls,
    close() {
      return new Promise((resolve, reject) => {
        server.close((err) => {
          if (err && /** @type {NodeJS.ErrnoException} */ (err).code !== 'ERR_SERVER_NOT_RUNNING') reject(err)
          else resolve()
        })
        // Stalled streams never end on their own: cut them so close() is prompt.
        for (const sock of sockets) sock.destroy()
      })
    },
  }
}
