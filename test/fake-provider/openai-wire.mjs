// OpenAI Chat Completions wire, also serving every OpenAI-compatible base
// (Groq, DeepSeek, OpenRouter, vLLM, ...) and Azure OpenAI.
// Format: https://platform.openai.com/docs/api-reference/chat/streaming
// Azure:  https://learn.microsoft.com/azure/ai-services/openai/reference

import { eventList } from './framing.mjs'
import { audioDelta, choiceText, chunkLogprobs, wholeAudio, wholeChoices } from './openai-choices.mjs'
import { encryptedDetail, groqUsage, reasoningDelta, textDetail, thinkingChunk } from './openai-variants.mjs'
import { splitInThree } from './script.mjs'

/** @typedef {import('./types.mjs').Wire} Wire */
/** @typedef {import('./types.mjs').Plan} Plan */
/** @typedef {import('./types.mjs').Script} Script */
/** @typedef {import('./types.mjs').Rendered} Rendered */

const J = JSON.stringify

/** Default [type, code, message] per status, as OpenAI answers them. */
/** @type {Record<number, [string, string|null, string]>} */
const ERRORS = {
  400: ['invalid_request_error', null, 'Invalid request.'],
  401: ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'],
  403: ['request_forbidden', 'unsupported_country_region_territory', 'Country, region, or territory not supported'],
  404: ['invalid_request_error', 'model_not_found', 'The model does not exist or you do not have access to it.'],
  408: ['timeout', null, 'Request timed out.'],
  413: ['invalid_request_error', 'request_too_large', 'Request too large.'],
  422: ['invalid_request_error', null, 'Unprocessable request.'],
  429: ['requests', 'rate_limit_exceeded', 'Rate limit reached for requests. Please try again later.'],
  500: ['server_error', null, 'The server had an error while processing your request. Sorry about that!'],
  503: ['server_error', null, 'The engine is currently overloaded, please try again later.'],
}

/**
 * `{"error":{"message","type","param","code"}}`; script fields override.
 * @param {number} status
 * @param {Script['error']} [e]
 */
export function openaiErrorBody(status, e = {}) {
  const [type, code, message] = ERRORS[status] ?? (status >= 500 ? ERRORS[500] : ERRORS[400])
  return {
    error: {
      message: e.message ?? message,
      type: e.type ?? type,
      param: e.param ?? null,
      code: 'code' in e ? e.code : code,
    },
  }
}

/** @param {number} status @param {Script['error']} e */
const reply = (status, e) => ({ status, body: openaiErrorBody(status, e) })

/** @param {import('node:http').IncomingHttpHeaders} h */
const bearer = (h) => /^Bearer\s+(\S+)/i.exec(h.authorization ?? '')?.[1] ?? null

/** Mask a key the way OpenAI echoes it back, so no full key lands in a log. */
const mask = (/** @type {string} */ key) => `${key.slice(0, 3)}***${key.slice(-2)}`

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function']

/**
 * @param {any} body
 * @param {boolean} needModel Azure takes the model from the URL instead.
 */
function validateChat(body, needModel) {
  if (!body || typeof body !== 'object') {
    return reply(400, { message: 'We could not parse the JSON body of your request.' })
  }
  if (needModel && (typeof body.model !== 'string' || !body.model)) {
    return reply(400, { message: 'you must provide a model parameter', code: null })
  }
  if (!Array.isArray(body.messages)) {
    return reply(400, {
      message: "Missing required parameter: 'messages'.",
      param: 'messages',
      code: 'missing_required_parameter',
    })
  }
  const i = body.messages.findIndex((/** @type {any} */ m) => !ROLES.includes(m?.role))
  if (i >= 0) {
    return reply(400, {
      message: `Invalid value: '${body.messages[i]?.role}'. Supported values are: ${ROLES.map((r) => `'${r}'`).join(', ')}.`,
      param: `messages[${i}].role`,
      code: 'invalid_value',
    })
  }
  return null
}

/** Azure's content-safety annotations, all "safe". */
const FILTER_OK =
  '{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},' +
  '"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}'
/** Azure's first stream chunk: no choices, only the prompt's filter results. */
const PROMPT_FILTER_CHUNK =
  `{"choices":[],"created":0,"id":"","model":"","object":"",` +
  `"prompt_filter_results":[{"prompt_index":0,"content_filter_results":${FILTER_OK}}]}`

/** @param {Plan} plan */
const completionId = (plan) => `chatcmpl-fake-${plan.seq}`

/** @param {Plan} plan */
function usageObject(plan) {
  const u = plan.usage
  return {
    prompt_tokens: u.prompt_tokens,
    completion_tokens: u.completion_tokens,
    total_tokens: u.prompt_tokens + u.completion_tokens,
    prompt_tokens_details: { cached_tokens: u.cached_tokens },
    completion_tokens_details: { reasoning_tokens: u.reasoning_tokens },
  }
}

/**
 * Pre-render every chunk. Chunks share one prefix/suffix, so each costs a
 * string concat; repeated content (chunk_count) reuses the previous string.
 * @param {Plan} plan
 * @param {import('./framing.mjs').Framer} f
 * @returns {Rendered}
 */
function renderStream(plan, f) {
  const azure = plan.quirks.azureFilterChunk
  const common = `"id":"${completionId(plan)}","object":"chat.completion.chunk","created":${plan.created},"model":${J(plan.model)},"system_fingerprint":"fp_fake"`
  const preAt = (/** @type {number} */ i) => `{${common},"choices":[{"index":${i},"delta":`
  const pre = preAt(0)
  const mid = `,"logprobs":null,"finish_reason":`
  // With include_usage every chunk carries "usage":null until the usage chunk.
  const post = `${azure ? `,"content_filter_results":${FILTER_OK}` : ''}}]${plan.includeUsage ? ',"usage":null' : ''}}`
  const chunk = (/** @type {string} */ delta, finish = 'null') => f.sse(pre + delta + mid + finish + post)
  /** A content chunk of choice i, with its logprobs when asked (or audio instead of text). */
  const contentChunk = (/** @type {number} */ i, /** @type {string} */ c, k = -1) =>
    f.sse(
      `${preAt(i)}${plan.audio ? audioDelta(plan, c, k) : `{"content":${J(plan.contentParts ? [{ type: 'text', text: c }] : c)}}`},"logprobs":${chunkLogprobs(plan, c)},"finish_reason":null${post}`,
    )

  const head = (azure ? f.sse(PROMPT_FILTER_CHUNK) : '') + chunk('{"role":"assistant","content":""}')
  /** @type {string[]} */
  const body = []
  /** @type {number[]} */
  const contentIdx = []
  for (const r of plan.reasoning) body.push(chunk(reasoningDelta(plan, r)))
  if (plan.reasoning.length && plan.reasoningField === 'reasoning_details') {
    // OpenRouter closes some models' reasoning with an encrypted item that has no text.
    body.push(chunk(`{"content":"","reasoning_details":[${J(encryptedDetail(plan))}]}`))
  }
  /** @type {string|null} */
  let last = null
  let lastFrame = ''
  plan.chunks.forEach((c, k) => {
    if (c !== last || plan.audio) {
      last = c
      lastFrame = contentChunk(0, c, k)
    }
    contentIdx.push(body.length)
    body.push(lastFrame)
    // Further choices (`n`) interleave with choice 0, one chunk each per token.
    for (let i = 1; i < plan.n; i++) body.push(contentChunk(i, choiceText(i, c, k)))
  })
  plan.toolCalls.forEach((t, i) => {
    body.push(
      chunk(
        `{"tool_calls":[{"index":${i},"id":${J(t.id)},"type":"function","function":{"name":${J(t.name)},"arguments":""}}]}`,
      ),
    )
    for (const piece of splitInThree(t.arguments)) {
      body.push(chunk(`{"tool_calls":[{"index":${i},"function":{"arguments":${J(piece)}}}]}`))
    }
  })
  const finish = J(plan.nativeFinish ?? plan.finish)
  const groq = plan.usageField === 'x_groq'
  const usage = plan.includeUsage && !groq ? f.sse(`{${common},"choices":[],"usage":${J(usageObject(plan))}}`) : ''
  // Groq reports stream usage on the finish chunk, under x_groq, with or without include_usage.
  // llama.cpp puts its own `timings` on the finish chunk.
  const timings = plan.llamaTimings ? `,"timings":${J(plan.llamaTimings)}` : ''
  const others = Array.from({ length: plan.n - 1 }, (_, k) => f.sse(`${preAt(k + 1)}{}${mid}${finish}${post}`)).join('')
  const finishChunk =
    others +
    (groq
      ? f.sse(`${`${pre}{}${mid}${finish}${post}`.slice(0, -1)},"x_groq":${J(groqUsage(plan))}}`)
      : f.sse(`${`${pre}{}${mid}${finish}${post}`.slice(0, -1)}${timings}}`))
  const err = J(openaiErrorBody(500, plan.error))
  return {
    head,
    ...eventList(body),
    contentIdx,
    tail: () => finishChunk + usage + f.done,
    // Groq names its mid-stream errors with an SSE event; OpenAI sends a bare data line.
    error: plan.errorStyle === 'groq' ? f.sse(err, 'error') : f.sse(err),
  }
}

/** @param {Plan} plan */
function renderJson(plan) {
  const text = plan.chunks.join('')
  const reasoning = plan.reasoning.join('')
  /** @type {unknown} */
  let content = text || (plan.toolCalls.length ? null : '')
  if (plan.contentParts || (reasoning && plan.reasoningField === 'thinking_chunks')) {
    // Mistral's reasoning models answer with typed chunks: thinking first, then text.
    const parts = []
    if (reasoning && plan.reasoningField === 'thinking_chunks') parts.push(thinkingChunk(reasoning))
    if (text) parts.push({ type: 'text', text })
    content = parts
  }
  /** @type {Record<string, unknown>} */
  const message = plan.audio
    ? { role: 'assistant', content: null, refusal: null, audio: wholeAudio(plan) }
    : { role: 'assistant', content, refusal: null }
  if (reasoning && plan.reasoningField === 'reasoning_details') {
    message.reasoning_details = [
      { ...textDetail(reasoning), index: 0 },
      { ...encryptedDetail(plan), index: 1 },
    ]
  } else if (reasoning && plan.reasoningField !== 'thinking_chunks') {
    message[plan.reasoningField] = reasoning
  }
  if (plan.toolCalls.length) {
    message.tool_calls = plan.toolCalls.map((t) => ({
      id: t.id,
      type: 'function',
      function: { name: t.name, arguments: t.arguments },
    }))
  }
  const azure = plan.quirks.azureFilterChunk
  /** @type {Record<string, unknown>} */
  const choice = { index: 0, message, logprobs: null, finish_reason: plan.nativeFinish ?? plan.finish }
  if (azure) choice.content_filter_results = JSON.parse(FILTER_OK)
  return {
    id: completionId(plan),
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    system_fingerprint: 'fp_fake',
    ...(azure ? { prompt_filter_results: JSON.parse(PROMPT_FILTER_CHUNK).prompt_filter_results } : {}),
    choices: wholeChoices(plan, choice),
    // Groq's whole replies carry its times inside `usage`.
    usage: plan.usageField === 'x_groq' ? groqUsage(plan).usage : usageObject(plan),
    ...(plan.llamaTimings ? { timings: plan.llamaTimings } : {}),
  }
}

/** @type {Wire} */
export const openaiWire = {
  name: 'openai',
  midStreamStatus: 500,
  contentType: 'text/event-stream; charset=utf-8',
  authenticate(h) {
    const key = bearer(h)
    if (!key) {
      return reply(401, {
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        code: null,
      })
    }
    if (key.startsWith('bad')) return reply(401, { message: `Incorrect API key provided: ${mask(key)}.` })
    return null
  },
  validate: (body) => validateChat(body, true),
  errorBody: openaiErrorBody,
  isStream: (body) => body?.stream === true,
  modelOf: (body) => String(body?.model ?? ''),
  renderStream,
  renderJson,
}

/** Azure answers auth and routing failures in its own `{"error":{"code","message"}}` shape. */
const azureReply = (/** @type {number} */ status, /** @type {string} */ message) => ({
  status,
  body: { error: { code: String(status), message } },
})

/** @type {Wire} */
export const azureWire = {
  ...openaiWire,
  name: 'azure',
  quirkDefaults: { azureFilterChunk: true },
  routeCheck: (q) => (q['api-version'] ? null : azureReply(404, 'Resource not found')),
  authenticate(h) {
    const key = (typeof h['api-key'] === 'string' && h['api-key']) || bearer(h)
    if (!key || key.startsWith('bad')) {
      return azureReply(
        401,
        'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      )
    }
    return null
  },
  validate: (body) => validateChat(body, false),
  modelOf: (_body, params) => params.deployment,
}
