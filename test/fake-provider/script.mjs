// Script resolution (which script answers a request) and planning (turning
// a script plus the request into the concrete values every wire renders).
// Wires never read scripts directly, so defaults live here only.

/** @typedef {import('./types.mjs').Script} Script */
/** @typedef {import('./types.mjs').Plan} Plan */
/** @typedef {import('./types.mjs').Quirks} Quirks */
/** @typedef {import('./state.mjs').State} State */

export class ScriptError extends Error {}

/**
 * Pick the script for one request. The first one found wins whole; scripts
 * are never merged, so a test always knows exactly what answered.
 * Order: `x-fake-script` header > per-model script > default script > {}.
 * @param {State} state
 * @param {string|string[]|undefined} header
 * @param {string} model
 * @returns {Script}
 */
export function resolveScript(state, header, model) {
  if (typeof header === 'string' && header !== '') {
    let parsed
    try {
      parsed = JSON.parse(header)
    } catch (err) {
      throw new ScriptError(`x-fake-script is not valid JSON: ${/** @type {Error} */ (err).message}`)
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ScriptError('x-fake-script must be a JSON object')
    }
    return parsed
  }
  return state.modelScripts.get(model) ?? state.defaultScript ?? {}
}

/**
 * Decide whether this request fails before any streaming, counting
 * `fail_first` attempts per script id (retry tests).
 * @param {Script} script
 * @param {State} state
 * @returns {{status: number, error: Script['error']}|null}
 */
export function scriptedFailure(script, state) {
  if (typeof script.fail_first === 'number') {
    const key = script.id ?? ''
    const seen = state.failCounts.get(key) ?? 0
    state.failCounts.set(key, seen + 1)
    if (seen < script.fail_first) return { status: script.status ?? 500, error: script.error }
    return null
  }
  if (typeof script.status === 'number' && script.status >= 400) {
    return { status: script.status, error: script.error }
  }
  return null
}

/**
 * Split text into word-ish tokens whose concatenation is the text exactly
 * ("Hello", " world", "!"-style leading-space tokens, as BPE streams look).
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  return text.match(/\s*\S+|\s+$/g) ?? []
}

/**
 * A prompt token count derived from the request: whitespace-separated words
 * across all message text. Deterministic, so tests can assert it.
 * @param {any} body
 * @returns {number}
 */
export function countPromptTokens(body) {
  let n = 0
  /** @param {unknown} v */
  const walk = (v) => {
    if (typeof v === 'string') {
      for (const w of v.split(/\s+/)) if (w) n++
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item)
    } else if (v && typeof v === 'object') {
      const o = /** @type {Record<string, unknown>} */ (v)
      walk(o.content)
      walk(o.text)
      walk(o.parts)
    }
  }
  if (body && typeof body === 'object') {
    walk(body.messages)
    walk(body.system)
    walk(body.contents)
    walk(body.systemInstruction)
    walk(body.input)
    walk(body.instructions)
  }
  return Math.max(1, n)
}

/** Where an OpenAI-compatible server puts reasoning (README "Scripts"). */
const REASONING_FIELDS = ['reasoning_content', 'reasoning', 'reasoning_details', 'thinking_chunks']

/** @param {unknown} v @param {number} fallback */
const num = (v, fallback) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback)

/**
 * @param {Script} s
 * @param {string} provider
 * @returns {string[]}
 */
function contentChunks(s, provider) {
  if (typeof s.chunk_count === 'number') {
    // Array#fill shares one string: 10,000 chunks cost one allocation.
    return new Array(Math.max(0, Math.floor(s.chunk_count))).fill(s.chunk_text ?? 'tok ')
  }
  if (Array.isArray(s.chunks)) return s.chunks.map(String)
  if (typeof s.text === 'string') return tokenize(s.text)
  if (s.tool_calls?.length || s.reasoning?.length) return []
  return tokenize(`Hello from the fake ${provider} provider, deterministic reply.`)
}

/**
 * The earliest of the three mid-stream faults, if any.
 * @param {Script} s
 * @returns {Plan['fault']}
 */
function pickFault(s) {
  /** @type {Plan['fault']} */
  let fault = null
  for (const [kind, after] of /** @type {const} */ ([
    ['error', s.mid_stream_error_after],
    ['disconnect', s.disconnect_after],
    ['stall', s.stall_after],
  ])) {
    if (typeof after === 'number' && after >= 0 && (!fault || after < fault.after)) fault = { kind, after }
  }
  return fault
}

/**
 * @param {Script} script
 * @param {{provider: string, model: string, stream: boolean, body: any, seq: number,
 *   quirkDefaults?: Partial<Quirks>}} req
 * @returns {Plan}
 */
export function buildPlan(script, req) {
  const s = script
  const chunks = contentChunks(s, req.provider)
  const reasoning = Array.isArray(s.reasoning) ? s.reasoning.map(String) : []
  const toolCalls = (Array.isArray(s.tool_calls) ? s.tool_calls : []).map((t, i) => ({
    id: t.id ?? `call_fake_${req.seq}_${i}`,
    name: t.name ?? 'tool',
    arguments: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments ?? {}),
  }))
  const chunkDelay = num(s.chunk_delay_ms, 0)
  const d = req.quirkDefaults ?? {}
  return {
    provider: req.provider,
    model: req.model,
    stream: req.stream,
    includeUsage: req.body?.stream_options?.include_usage === true,
    seq: req.seq,
    created: Math.floor(Date.now() / 1000),
    reasoning,
    chunks,
    toolCalls,
    finish: s.finish_reason ?? (toolCalls.length ? 'tool_calls' : 'stop'),
    nativeFinish: s.native_finish_reason ?? null,
    usage: {
      prompt_tokens: num(s.usage?.prompt_tokens, countPromptTokens(req.body)),
      completion_tokens: num(s.usage?.completion_tokens, chunks.length),
      cached_tokens: num(s.usage?.cached_tokens, 0),
      reasoning_tokens: num(s.usage?.reasoning_tokens, reasoning.length),
      cache_creation_tokens: num(s.usage?.cache_creation_tokens, 0),
    },
    n: Math.max(1, Math.min(8, Math.floor(num(req.body?.n ?? req.body?.generationConfig?.candidateCount, 1)))),
    logprobs: req.body?.logprobs === true || req.body?.generationConfig?.responseLogprobs === true,
    audio: s.audio === true,
    llamaTimings: s.timings && typeof s.timings === 'object' ? s.timings : null,
    error: s.error,
    errorStyle: s.error_style,
    reasoningField: REASONING_FIELDS.includes(/** @type {any} */ (s.reasoning_field))
      ? /** @type {Plan['reasoningField']} */ (s.reasoning_field)
      : 'reasoning_content',
    contentParts: s.content_parts === true,
    usageField: s.usage_field === 'x_groq' ? 'x_groq' : 'usage',
    toolInput: s.tool_input === 'start' ? 'start' : 'deltas',
    toolUsePromptTokens: num(s.tool_use_prompt_tokens, 0),
    streamFunctionCallArgs: s.stream_function_call_args === true,
    signature: s.signature ?? 'ZmFrZS1zaWduYXR1cmU=',
    timing: {
      headersDelay: num(s.headers_delay_ms, 0),
      firstTokenDelay: num(s.first_token_delay_ms, 0),
      chunkDelay,
      chunksPerWrite: Math.floor(num(s.chunks_per_write, 0)),
    },
    fault: pickFault(s),
    quirks: {
      splitWrites: s.split_writes ?? d.splitWrites ?? false,
      splitSeed: num(s.split_seed, 1),
      splitMax: Math.max(1, num(s.split_max, 7)),
      splitDelay: num(s.split_delay_ms, 0),
      crlf: s.crlf ?? d.crlf ?? false,
      comments: s.comments ?? d.comments ?? false,
      noSpace: s.no_space ?? d.noSpace ?? false,
      padJson: s.pad_json ?? d.padJson ?? false,
      azureFilterChunk: s.azure_filter_chunk ?? d.azureFilterChunk ?? false,
    },
    headers: s.headers && typeof s.headers === 'object' ? s.headers : {},
  }
}

/**
 * Split a string into ~3 pieces on code-point boundaries (a lone surrogate
 * would not survive a strict JSON decoder), for streamed tool arguments.
 * @param {string} str
 * @returns {string[]}
 */
export function splitInThree(str) {
  const cps = Array.from(str)
  if (cps.length === 0) return []
  const size = Math.ceil(cps.length / 3)
  const out = []
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''))
  return out
}

/**
 * Tool arguments as an object, for wires that send them parsed
 * (Gemini `args`, Ollama `arguments`). Those wires cannot carry invalid JSON,
 * so a script that scripts broken arguments gets `{}` there; OpenAI and
 * Anthropic still stream the text verbatim.
 * @param {string} json
 * @returns {unknown}
 */
export function parseArgs(json) {
  try {
    return JSON.parse(json)
  } catch {
    return {}
  }
}

/**
 * Serialise a script for the `x-fake-script` header. Header values must be
 * ASCII, so non-ASCII characters are written as JSON `\uXXXX` escapes, which
 * JSON.parse turns back into the same text.
 * @param {Script} script
 * @returns {string}
 */
export function encodeScriptHeader(script) {
  return JSON.stringify(script).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
