// Ollama native chat wire: NDJSON lines, no auth, whole tool calls with
// object arguments, and a final line with nanosecond timings.
// Format: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion

import { eventList } from './framing.mjs'
import { parseArgs } from './script.mjs'

/** @typedef {import('./types.mjs').Wire} Wire */
/** @typedef {import('./types.mjs').Plan} Plan */
/** @typedef {import('./types.mjs').Script} Script */
/** @typedef {import('./types.mjs').Clock} Clock */
/** @typedef {import('./types.mjs').Rendered} Rendered */

const J = JSON.stringify

/** @type {Record<number, string>} */
const MESSAGES = {
  400: 'invalid request',
  404: 'model not found, try pulling it first',
  429: 'too many requests',
  500: 'an error was encountered while running the model',
  503: 'server busy, please try again. maximum pending requests exceeded',
}

/**
 * Ollama's whole error vocabulary: `{"error":"..."}`.
 * @param {number} status
 * @param {Script['error']} [e]
 */
export function ollamaErrorBody(status, e = {}) {
  return { error: e.message ?? MESSAGES[status] ?? (status >= 500 ? MESSAGES[500] : MESSAGES[400]) }
}

/** @param {Plan} plan */
const doneReason = (plan) => plan.nativeFinish ?? (plan.finish === 'length' ? 'length' : 'stop')

/** @param {Plan} plan */
const toolCalls = (plan) =>
  plan.toolCalls.map((t) => ({ function: { name: t.name, arguments: parseArgs(t.arguments) } }))

/**
 * The final-line statistics. Durations come from the real clock, so
 * eval_count / eval_duration × 1e9 matches the pacing the client saw.
 * @param {Plan} plan
 * @param {Clock} c
 */
function stats(plan, c) {
  const end = c.end ?? process.hrtime.bigint()
  const headers = c.headers ?? c.start
  const first = c.first ?? end
  const ns = (/** @type {bigint} */ d) => Math.max(1, Number(d))
  return {
    done_reason: doneReason(plan),
    total_duration: ns(end - c.start),
    load_duration: ns(headers - c.start),
    prompt_eval_count: plan.usage.prompt_tokens,
    prompt_eval_duration: ns(first - headers),
    eval_count: plan.usage.completion_tokens,
    eval_duration: ns(end - first),
  }
}

/**
 * @param {Plan} plan
 * @param {import('./framing.mjs').Framer} f
 * @returns {Rendered}
 */
function renderStream(plan, f) {
  // One timestamp for all pre-built lines; only the final line is built late.
  const pre = `{"model":${J(plan.model)},"created_at":"${new Date().toISOString()}","message":{"role":"assistant","content":`
  const line = (/** @type {string} */ rest) => f.line(`${pre + rest},"done":false}`)
  /** @type {string[]} */
  const body = []
  /** @type {number[]} */
  const contentIdx = []
  for (const r of plan.reasoning) body.push(line(`"","thinking":${J(r)}}`))
  /** @type {string|null} */
  let last = null
  let lastFrame = ''
  for (const c of plan.chunks) {
    if (c !== last) {
      last = c
      lastFrame = line(`${J(c)}}`)
    }
    contentIdx.push(body.length)
    body.push(lastFrame)
  }
  if (plan.toolCalls.length) body.push(line(`"","tool_calls":${J(toolCalls(plan))}}`))
  return {
    head: '',
    ...eventList(body),
    contentIdx,
    tail: (clock) => {
      const s = J(stats(plan, clock)).slice(1) // splice the stats into the final object
      return f.line(
        `{"model":${J(plan.model)},"created_at":"${new Date().toISOString()}","message":{"role":"assistant","content":""},"done":true,${s}`,
      )
    },
    error: f.line(J(ollamaErrorBody(500, plan.error))),
  }
}

/**
 * @param {Plan} plan
 * @param {Clock} clock
 */
function renderJson(plan, clock) {
  /** @type {Record<string, unknown>} */
  const message = { role: 'assistant', content: plan.chunks.join('') }
  if (plan.reasoning.length) message.thinking = plan.reasoning.join('')
  if (plan.toolCalls.length) message.tool_calls = toolCalls(plan)
  return { model: plan.model, created_at: new Date().toISOString(), message, done: true, ...stats(plan, clock) }
}

/** @type {Wire} */
export const ollamaWire = {
  name: 'ollama',
  midStreamStatus: 500,
  contentType: 'application/x-ndjson',
  // A local Ollama has no auth: every request is accepted.
  authenticate: () => null,
  validate(body) {
    if (!body || typeof body !== 'object')
      return { status: 400, body: ollamaErrorBody(400, { message: 'invalid character in request body' }) }
    if (typeof body.model !== 'string' || !body.model)
      return { status: 400, body: ollamaErrorBody(400, { message: 'model is required' }) }
    return null
  },
  errorBody: ollamaErrorBody,
  // Ollama streams unless told otherwise.
  isStream: (body) => body?.stream !== false,
  modelOf: (body) => String(body?.model ?? ''),
  renderStream,
  renderJson,
}
