// Google Gemini (Generative Language API) wire: every SSE event is a whole
// GenerateContentResponse with cumulative usageMetadata; no [DONE]; CRLF.
// Format: https://ai.google.dev/api/generate-content
// Errors: https://ai.google.dev/gemini-api/docs/troubleshooting

import { choiceText } from './openai-choices.mjs'
import { parseArgs } from './script.mjs'

/** @typedef {import('./types.mjs').Wire} Wire */
/** @typedef {import('./types.mjs').Plan} Plan */
/** @typedef {import('./types.mjs').Script} Script */
/** @typedef {import('./types.mjs').Rendered} Rendered */

const J = JSON.stringify

/** Canonical gRPC status name and default message per HTTP status. */
/** @type {Record<number, [string, string]>} */
const ERRORS = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission.'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  408: ['DEADLINE_EXCEEDED', 'The request timed out.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  500: [
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  ],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  504: ['DEADLINE_EXCEEDED', 'The request timed out.'],
}

/**
 * `{"error":{"code","message","status"}}`; `error.status` (or `type`) overrides the status name.
 * @param {number} status
 * @param {Script['error']} [e]
 */
export function geminiErrorBody(status, e = {}) {
  const [name, message] = ERRORS[status] ?? (status >= 500 ? ERRORS[500] : ERRORS[400])
  return { error: { code: status, message: e.message ?? message, status: e.status ?? e.type ?? name } }
}

/** @param {number} status @param {string} message */
const reply = (status, message) => ({ status, body: geminiErrorBody(status, { message }) })

/** OpenAI finish vocabulary → finishReason. Function calls end with STOP on Gemini. */
/** @type {Record<string, string>} */
const FINISH = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
  function_call: 'STOP',
  content_filter: 'SAFETY',
}

/**
 * One call with streamed arguments (`streamFunctionCallArguments`, Vertex AI): the
 * name with `willContinue`, then one `partialArgs` piece per leaf value (strings cut
 * in two, the first piece with `willContinue`), then an empty `functionCall` closing
 * it. https://googleapis.github.io/js-genai/release_docs/interfaces/types.PartialArg.html
 * @param {string} name
 * @param {unknown} args
 * @returns {unknown[]}
 */
function streamedCallParts(name, args) {
  /** @type {unknown[]} */
  const pieces = []
  /** @param {unknown} v @param {string} path */
  const walk = (v, path) => {
    if (typeof v === 'string') {
      const cps = Array.from(v)
      const half = Math.ceil(cps.length / 2)
      if (cps.length > 1) pieces.push({ jsonPath: path, stringValue: cps.slice(0, half).join(''), willContinue: true })
      pieces.push({ jsonPath: path, stringValue: cps.length > 1 ? cps.slice(half).join('') : v })
    } else if (typeof v === 'number') {
      pieces.push({ jsonPath: path, numberValue: v })
    } else if (typeof v === 'boolean') {
      pieces.push({ jsonPath: path, boolValue: v })
    } else if (v === null) {
      pieces.push({ jsonPath: path, nullValue: 'NULL_VALUE' })
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, `${path}[${i}]`)
    } else {
      for (const [k, item] of Object.entries(/** @type {object} */ (v))) {
        walk(item, /^[A-Za-z_]\w*$/.test(k) ? `${path}.${k}` : `${path}['${k}']`)
      }
    }
  }
  walk(args, '$')
  return [
    { functionCall: { name, willContinue: true } },
    ...pieces.map((p) => ({ functionCall: { partialArgs: [p], willContinue: true } })),
    { functionCall: {} },
  ]
}

/**
 * Gemini's `logprobsResult` for these tokens: each chosen at -0.5, one alternative at -3.
 * @param {string[]} tokens
 */
const logprobsResult = (tokens) => ({
  chosenCandidates: tokens.map((token, tokenId) => ({ token, tokenId, logProbability: -0.5 })),
  topCandidates: tokens.map((token) => ({
    candidates: [
      { token, logProbability: -0.5 },
      { token: 'alt', logProbability: -3 },
    ],
  })),
})

/**
 * Unframed event payloads, shared by SSE streaming and the JSON-array form
 * of streamGenerateContent without `alt=sse`. Events are built on demand:
 * cumulative usage makes each one different, and a 10,000-chunk stream held
 * in memory per request would cost megabytes across 1,000 concurrent streams.
 * @param {Plan} plan
 */
function buildEvents(plan) {
  const u = plan.usage
  const thinking = plan.reasoning.length > 0 || u.reasoning_tokens > 0
  const suffix = `,"modelVersion":${J(plan.model)},"responseId":"fake-resp-${plan.seq}"}`
  const tool = plan.toolUsePromptTokens
  const usage = (/** @type {number} */ cand, /** @type {number} */ thoughts) =>
    `{"promptTokenCount":${u.prompt_tokens},"candidatesTokenCount":${cand},"totalTokenCount":${u.prompt_tokens + tool + cand + thoughts}` +
    (thinking ? `,"thoughtsTokenCount":${thoughts}` : '') +
    // Tool-use turns (code execution, search) add their own prompt tokens to the total.
    (tool ? `,"toolUsePromptTokenCount":${tool}` : '') +
    (u.cached_tokens ? `,"cachedContentTokenCount":${u.cached_tokens}` : '') +
    '}'
  /** One candidate; with candidateCount, candidate i > 0 says who it is in its first text. */
  const candidate = (/** @type {string} */ parts, /** @type {string} */ finish, /** @type {number} */ i, lp = '') =>
    `{"content":{"parts":${parts},"role":"model"}${finish && `,"finishReason":${J(finish)}`},"index":${i}${lp}}`
  const event = (
    /** @type {string} */ parts,
    /** @type {number} */ cand,
    /** @type {number} */ thoughts,
    finish = '',
    /** @type {((i: number) => string) | null} */ partsOf = null,
    lp = '',
  ) =>
    `{"candidates":[${Array.from({ length: partsOf || finish ? plan.n : 1 }, (_, i) => candidate(partsOf && i > 0 ? partsOf(i) : parts, finish, i, i === 0 ? lp : '')).join(',')}],` +
    `"usageMetadata":${usage(cand, thoughts)}${suffix}`

  // usageMetadata is cumulative on every event, scaled so the last one equals the total.
  const R = u.reasoning_tokens
  const C = u.completion_tokens
  const nr = plan.reasoning.length
  const n = plan.chunks.length
  // Function calls arrive whole, parallel calls together in one event; with streamed
  // arguments each call is a run of events (see streamedCallParts).
  const callEvents = plan.streamFunctionCallArgs
    ? plan.toolCalls.flatMap((t) => streamedCallParts(t.name, parseArgs(t.arguments))).map((p) => event(J([p]), C, R))
    : plan.toolCalls.length
      ? [event(J(plan.toolCalls.map((t) => ({ functionCall: { name: t.name, args: parseArgs(t.arguments) } }))), C, R)]
      : []
  /** @param {number} i */
  const at = (i) => {
    if (i < nr) return event(`[{"text":${J(plan.reasoning[i])},"thought":true}]`, 0, Math.round((R * (i + 1)) / nr))
    const k = i - nr
    if (k < n) {
      const text = (/** @type {number} */ i) => `[{"text":${J(choiceText(i, plan.chunks[k], k))}}]`
      const lp = plan.logprobs ? `,"logprobsResult":${J(logprobsResult([plan.chunks[k]]))}` : ''
      return event(text(0), Math.round((C * (k + 1)) / n), R, '', plan.n > 1 ? text : null, lp)
    }
    return callEvents[k - n]
  }
  const finish = plan.nativeFinish ?? FINISH[plan.finish] ?? 'STOP'
  return {
    count: nr + n + callEvents.length,
    at,
    contentIdx: Array.from({ length: n }, (_, k) => nr + k),
    last: event('[{"text":""}]', C, R, finish),
  }
}

/**
 * @param {Plan} plan
 * @param {import('./framing.mjs').Framer} f
 * @returns {Rendered}
 */
function renderStream(plan, f) {
  const { count, at, contentIdx, last } = buildEvents(plan)
  const tail = f.sse(last)
  return {
    head: '',
    count,
    at: (i) => f.sse(at(i)),
    contentIdx,
    tail: () => tail,
    error: f.sse(J(geminiErrorBody(503, plan.error))),
  }
}

/**
 * @param {Plan} plan
 * @param {unknown} _clock
 * @param {{params: Record<string,string>, query: Record<string,string>}} route
 */
function renderJson(plan, _clock, route) {
  if (route.params.method === 'streamGenerateContent') {
    // Without alt=sse the stream is one JSON array of responses.
    const { count, at, last } = buildEvents(plan)
    return `[${[...Array.from({ length: count }, (_, i) => at(i)), last].join(',\r\n')}]`
  }
  const u = plan.usage
  /** @type {unknown[]} */
  const parts = []
  if (plan.reasoning.length) parts.push({ text: plan.reasoning.join(''), thought: true })
  if (plan.chunks.length) parts.push({ text: plan.chunks.join('') })
  for (const t of plan.toolCalls) parts.push({ functionCall: { name: t.name, args: parseArgs(t.arguments) } })
  /** @type {Record<string, number>} */
  const usageMetadata = {
    promptTokenCount: u.prompt_tokens,
    candidatesTokenCount: u.completion_tokens,
    totalTokenCount: u.prompt_tokens + plan.toolUsePromptTokens + u.completion_tokens + u.reasoning_tokens,
  }
  if (plan.toolUsePromptTokens) usageMetadata.toolUsePromptTokenCount = plan.toolUsePromptTokens
  if (plan.reasoning.length || u.reasoning_tokens) usageMetadata.thoughtsTokenCount = u.reasoning_tokens
  if (u.cached_tokens) usageMetadata.cachedContentTokenCount = u.cached_tokens
  const finishReason = plan.nativeFinish ?? FINISH[plan.finish] ?? 'STOP'
  const others = Array.from({ length: plan.n - 1 }, (_, k) => ({
    content: { parts: [{ text: plan.chunks.map((c, j) => choiceText(k + 1, c, j)).join('') }], role: 'model' },
    finishReason,
    index: k + 1,
  }))
  return {
    candidates: [
      {
        content: { parts, role: 'model' },
        finishReason,
        index: 0,
        ...(plan.logprobs ? { logprobsResult: logprobsResult(plan.chunks) } : {}),
      },
      ...others,
    ],
    usageMetadata,
    modelVersion: plan.model,
    responseId: `fake-resp-${plan.seq}`,
  }
}

/**
 * Gemini rejects OpenAI-shaped roles: only `user` and `model` are valid
 * inside `contents` (system text goes in `systemInstruction`).
 * @param {any} body
 */
function validate(body) {
  if (!body || typeof body !== 'object') return reply(400, 'Invalid JSON payload received.')
  if (!Array.isArray(body.contents) || body.contents.length === 0) {
    return reply(400, '* GenerateContentRequest.contents: contents is not specified\n')
  }
  for (const [i, c] of body.contents.entries()) {
    if (c?.role !== undefined && c.role !== 'user' && c.role !== 'model') {
      return reply(400, 'Please use a valid role: user, model.')
    }
    if (!Array.isArray(c?.parts) || c.parts.length === 0) {
      return reply(400, `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`)
    }
  }
  return null
}

/** @type {Wire} */
export const geminiWire = {
  name: 'gemini',
  // Google separates SSE events with CRLF (REFERENCE.md, "SSE in general").
  quirkDefaults: { crlf: true },
  midStreamStatus: 503,
  contentType: 'text/event-stream',
  authenticate(h, q) {
    const key = (typeof h['x-goog-api-key'] === 'string' && h['x-goog-api-key']) || q.key
    if (!key) {
      return reply(
        401,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      )
    }
    if (key.startsWith('bad')) {
      // Google answers a wrong key with 400, naming the reason in details.
      const body = geminiErrorBody(400, { message: 'API key not valid. Please pass a valid API key.' })
      Object.assign(body.error, {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
        ],
      })
      return { status: 400, body }
    }
    return null
  },
  validate,
  errorBody: geminiErrorBody,
  isStream: (_body, params, q) => params.method === 'streamGenerateContent' && q.alt === 'sse',
  modelOf: (_body, params) => params.model,
  renderStream,
  renderJson,
}
