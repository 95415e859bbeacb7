// Anthropic Messages wire: named SSE events, content blocks, pings.
// Format: https://docs.anthropic.com/en/api/messages-streaming
// Errors: https://docs.anthropic.com/en/api/errors

import { eventList } from './framing.mjs'
import { parseArgs, splitInThree } from './script.mjs'

/** @typedef {import('./types.mjs').Wire} Wire */
/** @typedef {import('./types.mjs').Plan} Plan */
/** @typedef {import('./types.mjs').Script} Script */
/** @typedef {import('./types.mjs').Rendered} Rendered */

const J = JSON.stringify

/** Error type and default message per status, from Anthropic's error table. */
/** @type {Record<number, [string, string]>} */
const ERRORS = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'The requested resource could not be found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error'],
  504: ['timeout_error', 'Request timed out'],
  529: ['overloaded_error', 'Overloaded'],
}

/**
 * `{"type":"error","error":{"type","message"}}`; script fields override.
 * @param {number} status
 * @param {Script['error']} [e]
 */
export function anthropicErrorBody(status, e = {}) {
  const [type, message] = ERRORS[status] ?? (status >= 500 ? ERRORS[500] : ERRORS[400])
  return { type: 'error', error: { type: e.type ?? type, message: e.message ?? message } }
}

/** @param {number} status @param {string} [message] */
const reply = (status, message) => ({ status, body: anthropicErrorBody(status, { message }) })

/** OpenAI finish vocabulary → stop_reason (REFERENCE.md, LiteLLM's mapping reversed). */
/** @type {Record<string, string>} */
const STOP = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
}

/** @param {Plan} plan */
const stopReason = (plan) => plan.nativeFinish ?? STOP[plan.finish] ?? 'end_turn'

/** @param {Plan} plan */
const usageStart = (plan) =>
  `{"input_tokens":${plan.usage.prompt_tokens},"cache_creation_input_tokens":${plan.usage.cache_creation_tokens},` +
  `"cache_read_input_tokens":${plan.usage.cached_tokens},"output_tokens":1}`

/**
 * The final output count; with extended thinking, recent responses also say how many
 * of those output tokens were thinking (`output_tokens_details.thinking_tokens`).
 * @param {Plan} plan
 */
function usageEnd(plan) {
  /** @type {Record<string, unknown>} */
  const usage = { output_tokens: plan.usage.completion_tokens }
  if (plan.reasoning.length || plan.usage.reasoning_tokens) {
    usage.output_tokens_details = { thinking_tokens: plan.usage.reasoning_tokens }
  }
  return usage
}

/**
 * @param {Plan} plan
 * @param {import('./framing.mjs').Framer} f
 * @returns {Rendered}
 */
function renderStream(plan, f) {
  const ev = (/** @type {string} */ type, /** @type {string} */ json) => f.sse(json, type)
  const ping = ev('ping', '{"type": "ping"}')
  const start = (/** @type {number} */ i, /** @type {string} */ block) =>
    ev('content_block_start', `{"type":"content_block_start","index":${i},"content_block":${block}}`)
  const delta = (/** @type {number} */ i, /** @type {string} */ d) =>
    ev('content_block_delta', `{"type":"content_block_delta","index":${i},"delta":${d}}`)
  const stop = (/** @type {number} */ i) => ev('content_block_stop', `{"type":"content_block_stop","index":${i}}`)

  const message = `{"id":"msg_fake_${plan.seq}","type":"message","role":"assistant","model":${J(plan.model)},"content":[],"stop_reason":null,"stop_sequence":null,"usage":${usageStart(plan)}}`
  const head = ev('message_start', `{"type":"message_start","message":${message}}`) + ping

  /** @type {string[]} */
  const body = []
  /** @type {number[]} */
  const contentIdx = []
  let index = 0
  if (plan.reasoning.length) {
    body.push(start(index, '{"type":"thinking","thinking":"","signature":""}'))
    for (const r of plan.reasoning) body.push(delta(index, `{"type":"thinking_delta","thinking":${J(r)}}`))
    body.push(delta(index, `{"type":"signature_delta","signature":${J(plan.signature)}}`))
    body.push(stop(index++))
  }
  if (plan.chunks.length) {
    body.push(start(index, '{"type":"text","text":""}'))
    const half = plan.chunks.length >= 2 ? Math.floor(plan.chunks.length / 2) : -1
    /** @type {string|null} */
    let last = null
    let lastFrame = ''
    plan.chunks.forEach((c, k) => {
      if (k === half) body.push(ping) // pings arrive anywhere, also mid-block
      if (c !== last) {
        last = c
        lastFrame = delta(index, `{"type":"text_delta","text":${J(c)}}`)
      }
      contentIdx.push(body.length)
      body.push(lastFrame)
    })
    body.push(stop(index++))
  }
  for (const t of plan.toolCalls) {
    // Programmatic tool calling delivers the whole input in the start block, no deltas.
    const whole = plan.toolInput === 'start'
    const input = whole ? J(parseArgs(t.arguments)) : '{}'
    body.push(start(index, `{"type":"tool_use","id":${J(t.id)},"name":${J(t.name)},"input":${input}}`))
    for (const piece of whole ? [] : splitInThree(t.arguments)) {
      body.push(delta(index, `{"type":"input_json_delta","partial_json":${J(piece)}}`))
    }
    body.push(stop(index++))
  }
  const tail =
    ev(
      'message_delta',
      `{"type":"message_delta","delta":{"stop_reason":${J(stopReason(plan))},"stop_sequence":null},"usage":${J(usageEnd(plan))}}`,
    ) + ev('message_stop', '{"type":"message_stop"}')
  const err = anthropicErrorBody(529, plan.error)
  return { head, ...eventList(body), contentIdx, tail: () => tail, error: ev('error', J(err)) }
}

/** @param {Plan} plan */
function renderJson(plan) {
  /** @type {unknown[]} */
  const content = []
  if (plan.reasoning.length)
    content.push({ type: 'thinking', thinking: plan.reasoning.join(''), signature: plan.signature })
  if (plan.chunks.length) content.push({ type: 'text', text: plan.chunks.join('') })
  for (const t of plan.toolCalls) {
    content.push({ type: 'tool_use', id: t.id, name: t.name, input: parseArgs(t.arguments) })
  }
  return {
    id: `msg_fake_${plan.seq}`,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content,
    stop_reason: stopReason(plan),
    stop_sequence: null,
    usage: {
      input_tokens: plan.usage.prompt_tokens,
      cache_creation_input_tokens: plan.usage.cache_creation_tokens,
      cache_read_input_tokens: plan.usage.cached_tokens,
      ...usageEnd(plan),
    },
  }
}

/**
 * The validations that catch a client translating badly from OpenAI shape:
 * a missing max_tokens and a system message left inside `messages`.
 * @param {any} body
 */
function validate(body) {
  if (!body || typeof body !== 'object') return reply(400, 'Request body must be a JSON object.')
  if (typeof body.model !== 'string' || !body.model) return reply(400, 'model: Field required')
  if (typeof body.max_tokens !== 'number') return reply(400, 'max_tokens: Field required')
  if (!Array.isArray(body.messages)) return reply(400, 'messages: Field required')
  for (const [i, m] of body.messages.entries()) {
    if (m?.role === 'system') {
      return reply(
        400,
        'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
      )
    }
    if (m?.role !== 'user' && m?.role !== 'assistant') {
      return reply(400, `messages.${i}.role: Input should be 'user' or 'assistant'`)
    }
  }
  return null
}

/** @type {Wire} */
export const anthropicWire = {
  name: 'anthropic',
  midStreamStatus: 529,
  contentType: 'text/event-stream; charset=utf-8',
  authenticate(h) {
    const key = h['x-api-key']
    if (typeof key !== 'string' || !key) return reply(401, 'x-api-key header is required')
    if (key.startsWith('bad')) return reply(401, 'invalid x-api-key')
    if (!h['anthropic-version']) return reply(400, 'anthropic-version: header is required')
    return null
  },
  validate,
  errorBody: anthropicErrorBody,
  isStream: (body) => body?.stream === true,
  modelOf: (body) => String(body?.model ?? ''),
  renderStream,
  renderJson,
}
