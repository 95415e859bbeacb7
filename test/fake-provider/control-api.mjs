// Test-facing controls, shared by the in-process API (fake.setModelScript...)
// and the HTTP control API under /__control/ used by out-of-process callers
// (the browser end-to-end test, benchmarks). Control calls are never logged.

import { sendJson } from './http-io.mjs'
import { MODEL_PROVIDERS } from './models-wire.mjs'
import { resetState } from './state.mjs'

/** @typedef {import('./state.mjs').State} State */
/** @typedef {import('./types.mjs').Script} Script */

/**
 * @param {unknown} script
 * @returns {Script|null}
 */
function checkScript(script) {
  if (script === null || script === undefined) return null
  if (typeof script !== 'object' || Array.isArray(script))
    throw new TypeError('a script must be a JSON object (or null to clear)')
  return /** @type {Script} */ (script)
}

/**
 * @param {State} state
 */
export function createControls(state) {
  return {
    /** @param {Script|null} script Answers every request that has no more specific script; null clears. */
    setDefaultScript(script) {
      state.defaultScript = checkScript(script)
    },
    /** @param {string} model @param {Script|null} script null clears this model's script. */
    setModelScript(model, script) {
      const s = checkScript(script)
      if (s) state.modelScripts.set(model, s)
      else state.modelScripts.delete(model)
    },
    /** Clears per-model scripts and the default script. */
    clearScripts() {
      state.modelScripts.clear()
      state.defaultScript = null
    },
    /** @param {string} provider openai|anthropic|gemini|ollama @param {string[]|null} ids null restores the built-in list. */
    setModels(provider, ids) {
      if (!MODEL_PROVIDERS.includes(provider))
        throw new TypeError(`unknown provider "${provider}"; expected one of ${MODEL_PROVIDERS.join(', ')}`)
      if (ids === null) state.models.delete(provider)
      else if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) state.models.set(provider, ids.slice())
      else throw new TypeError('model ids must be an array of strings (or null to restore the defaults)')
    },
    clearRequests() {
      state.requests.length = 0
    },
    /** Scripts, fail_first counters, the request log and model lists. */
    reset() {
      resetState(state)
    },
  }
}

/** @typedef {ReturnType<typeof createControls>} Controls */

/**
 * @param {string} method
 * @param {string} path Starts with /__control/.
 * @param {any} body Parsed JSON or null.
 * @param {Controls} controls
 * @param {State} state
 * @returns {unknown} The JSON to answer with; throws TypeError on bad input, RangeError on unknown paths.
 */
function route(method, path, body, controls, state) {
  const rest = path.slice('/__control/'.length)
  const [head, ...tail] = rest.split('/')
  const arg = tail.length ? decodeURIComponent(tail.join('/')) : null
  const key = `${method} ${head}${arg === null ? '' : '/*'}`
  switch (key) {
    case 'GET health':
      break
    case 'GET requests':
      return state.requests
    case 'PUT default':
      controls.setDefaultScript(body)
      break
    case 'DELETE default':
      controls.setDefaultScript(null)
      break
    case 'PUT scripts/*':
      controls.setModelScript(/** @type {string} */ (arg), body)
      break
    case 'DELETE scripts/*':
      controls.setModelScript(/** @type {string} */ (arg), null)
      break
    case 'DELETE scripts':
      controls.clearScripts()
      break
    case 'PUT models/*':
      controls.setModels(/** @type {string} */ (arg), body)
      break
    case 'DELETE requests':
      controls.clearRequests()
      break
    case 'POST reset':
      controls.reset()
      break
    default:
      throw new RangeError(`unknown control endpoint ${method} ${path}`)
  }
  return { ok: true }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} method
 * @param {string} path
 * @param {{body: any, bad: boolean}} parsed
 * @param {Controls} controls
 * @param {State} state
 */
export function handleControl(res, method, path, parsed, controls, state) {
  if (parsed.bad) return sendJson(res, 400, { error: 'control body is not valid JSON' })
  try {
    sendJson(res, 200, route(method, path, parsed.body, controls, state))
  } catch (err) {
    const status = err instanceof RangeError ? 404 : 400
    sendJson(res, status, { error: /** @type {Error} */ (err).message })
  }
}
