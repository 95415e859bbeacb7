// Mutable per-server state: scripts, fail_first counters, the request log and
// the model lists. One object so reset() has a single thing to clear.

/** @typedef {import('./types.mjs').Script} Script */

/**
 * @typedef {Object} LoggedRequest
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {Record<string, string|string[]|undefined>} headers Lower-cased names.
 * @property {unknown} body Parsed JSON, or null.
 * @property {string|null} provider The wire the route matched, null for unknown routes.
 */

/**
 * @typedef {Object} State
 * @property {Script|null} defaultScript
 * @property {Map<string, Script>} modelScripts
 * @property {Map<string, number>} failCounts
 * @property {LoggedRequest[]} requests Kept as one array so callers may hold a reference.
 * @property {Map<string, string[]>} models Overrides of the built-in model lists.
 * @property {number} seq Request counter, feeds deterministic ids.
 * @property {number} logLimit
 */

/**
 * @param {{logLimit?: number}} [opts]
 * @returns {State}
 */
export function createState(opts = {}) {
  return {
    defaultScript: null,
    modelScripts: new Map(),
    failCounts: new Map(),
    requests: [],
    models: new Map(),
    seq: 0,
    logLimit: opts.logLimit ?? 10_000,
  }
}

/**
 * Clear everything a test may have set. The request array is emptied in
 * place, not replaced, so references taken earlier stay live.
 * @param {State} state
 */
export function resetState(state) {
  state.defaultScript = null
  state.modelScripts.clear()
  state.failCounts.clear()
  state.requests.length = 0
  state.models.clear()
  state.seq = 0
}

/**
 * Append to the log, dropping the oldest entries past `logLimit` so a long
 * benchmark cannot grow memory without bound.
 * @param {State} state
 * @param {LoggedRequest} entry
 */
export function logRequest(state, entry) {
  if (state.requests.length >= state.logLimit) {
    state.requests.splice(0, state.requests.length - state.logLimit + 1)
  }
  state.requests.push(entry)
}
