// OpenAI Responses API (`POST …/responses`; Azure `POST /openai/responses?api-version=…`):
// a stream of semantic events, each `event: <type>` + `data: {"type": <type>, …}`,
// and whole `response` objects. The script's reasoning becomes a reasoning item's
// summary (`response.reasoning_summary_text.delta`), its text an output message
// (`response.output_text.delta`), its tool calls `function_call` items.
// Format: https://platform.openai.com/docs/api-reference/responses-streaming

import { eventList } from './framing.mjs'
import { azureWire, openaiErrorBody, openaiWire } from './openai-wire.mjs'
import { splitInThree } from './script.mjs'

/** @typedef {import('./types.mjs').Wire} Wire */
/** @typedef {import('./types.mjs').Plan} Plan */

const J = JSON.stringify

/** @param {Plan} plan */
const responseId = (plan) => `resp_fake_${plan.seq}`

/** @param {Plan} plan */
function usage(plan) {
  const u = plan.usage
  return {
    input_tokens: u.prompt_tokens,
    input_tokens_details: { cached_tokens: u.cached_tokens },
    output_tokens: u.completion_tokens + u.reasoning_tokens,
    output_tokens_details: { reasoning_tokens: u.reasoning_tokens },
    total_tokens: u.prompt_tokens + u.completion_tokens + u.reasoning_tokens,
  }
}

/** `incomplete` for a length finish, as the API reports running out of tokens. */
const status = (/** @type {Plan} */ plan) => (plan.finish === 'length' ? 'incomplete' : 'completed')

/** The output items of the finished response. @param {Plan} plan */
function outputItems(plan) {
  const items = []
  if (plan.reasoning.length) {
    items.push({
      type: 'reasoning',
      id: `rs_fake_${plan.seq}`,
      summary: [{ type: 'summary_text', text: plan.reasoning.join('') }],
    })
  }
  if (plan.chunks.length) {
    items.push({
      type: 'message',
      id: `msg_fake_${plan.seq}`,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: plan.chunks.join(''), annotations: [] }],
    })
  }
  for (const [i, t] of plan.toolCalls.entries()) {
    items.push({
      type: 'function_call',
      id: `fc_fake_${plan.seq}_${i}`,
      call_id: t.id,
      name: t.name,
      arguments: t.arguments,
      status: 'completed',
    })
  }
  return items
}

/** @param {Plan} plan @param {string} st @param {unknown[]} output @param {unknown} u */
const response = (plan, st, output, u) => ({
  id: responseId(plan),
  object: 'response',
  created_at: plan.created,
  status: st,
  model: plan.model,
  output,
  usage: u,
  ...(st === 'incomplete' ? { incomplete_details: { reason: 'max_output_tokens' } } : {}),
})

/**
 * @param {Plan} plan
 * @param {import('./framing.mjs').Framer} f
 */
function renderStream(plan, f) {
  let seq = 0
  const ev = (/** @type {string} */ type, /** @type {Record<string, unknown>} */ fields) =>
    f.sse(J({ type, sequence_number: seq++, ...fields }), type)
  const head =
    ev('response.created', { response: response(plan, 'in_progress', [], null) }) +
    ev('response.in_progress', { response: response(plan, 'in_progress', [], null) })
  /** @type {string[]} */
  const body = []
  /** @type {number[]} */
  const contentIdx = []
  const items = outputItems(plan)
  items.forEach((item, output_index) => {
    const item_id = item.id
    if (item.type === 'reasoning') {
      body.push(ev('response.output_item.added', { output_index, item: { ...item, summary: [] } }))
      for (const delta of plan.reasoning) {
        body.push(ev('response.reasoning_summary_text.delta', { item_id, output_index, summary_index: 0, delta }))
      }
      body.push(
        ev('response.reasoning_summary_text.done', {
          item_id,
          output_index,
          summary_index: 0,
          text: plan.reasoning.join(''),
        }),
      )
    } else if (item.type === 'message') {
      body.push(
        ev('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } }),
      )
      body.push(
        ev('response.content_part.added', {
          item_id,
          output_index,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        }),
      )
      for (const delta of plan.chunks) {
        contentIdx.push(body.length)
        body.push(ev('response.output_text.delta', { item_id, output_index, content_index: 0, delta }))
      }
      body.push(
        ev('response.output_text.done', { item_id, output_index, content_index: 0, text: plan.chunks.join('') }),
      )
    } else {
      body.push(
        ev('response.output_item.added', { output_index, item: { ...item, arguments: '', status: 'in_progress' } }),
      )
      for (const delta of splitInThree(/** @type {string} */ (item.arguments))) {
        body.push(ev('response.function_call_arguments.delta', { item_id, output_index, delta }))
      }
      body.push(ev('response.function_call_arguments.done', { item_id, output_index, arguments: item.arguments }))
    }
    body.push(ev('response.output_item.done', { output_index, item }))
  })
  const st = status(plan)
  const done = ev(`response.${st}`, { response: response(plan, st, items, usage(plan)) })
  const err = ev('error', {
    code: 'server_error',
    message: openaiErrorBody(500, plan.error).error.message,
    param: null,
  })
  return { head, ...eventList(body), contentIdx, tail: () => done, error: err }
}

/** @param {Plan} plan */
const renderJson = (plan) => response(plan, status(plan), outputItems(plan), usage(plan))

/** @param {any} body */
function validate(body) {
  if (!body || typeof body !== 'object') return { status: 400, body: openaiErrorBody(400, {}) }
  if (typeof body.model !== 'string' || !body.model) {
    return {
      status: 400,
      body: openaiErrorBody(400, { message: "Missing required parameter: 'model'.", param: 'model' }),
    }
  }
  if (body.input === undefined) {
    return {
      status: 400,
      body: openaiErrorBody(400, { message: "Missing required parameter: 'input'.", param: 'input' }),
    }
  }
  return null
}

/** @type {Wire} */
export const responsesWire = {
  ...openaiWire,
  name: 'openai_responses',
  quirkDefaults: {},
  validate,
  renderStream,
  renderJson,
}

/** Azure serves the same API at /openai/responses?api-version=…, with its own auth. */
/** @type {Wire} */
export const azureResponsesWire = {
  ...responsesWire,
  name: 'azure_responses',
  routeCheck: azureWire.routeCheck,
  authenticate: azureWire.authenticate,
}
