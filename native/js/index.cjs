'use strict'
// @edgequake/llm: LiteLLM's call shape over a native Rust client.
//   completion({ model: 'provider/model', messages, stream })
// Parameters cross into Rust as one JSON string; results come back as JSON.

const native = require('./load-binding.cjs').loadBinding()
const errors = require('./errors.cjs')
const { CompletionStream, PartStream, throwIfAborted } = require('./stream.cjs')
const { makeChunkBuilder } = require('./chunk-builder.cjs')

const { fromNative, BadRequestError } = errors
// The error classes are public; the conversion helpers stay inside the package.
const { fromNative: _fromNative, NATIVE_ERROR_MARKER: _marker, ...errorClasses } = errors
const stream_chunk_builder = makeChunkBuilder(native)

/**
 * JSON has no NaN or Infinity: JSON.stringify would turn them into null, and the
 * parameter would be silently dropped. They are refused instead, by name.
 */
function finiteNumbersOnly(key, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new BadRequestError(`\`${key}\` is ${value}: give a finite number (see the README's parameter table)`)
  }
  return value
}

function toJson(params) {
  try {
    return JSON.stringify(params, finiteNumbersOnly)
  } catch (err) {
    if (err instanceof BadRequestError) throw err
    throw new BadRequestError(`the parameters are not JSON-serializable: ${err.message}`)
  }
}

function serialize(params) {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new BadRequestError('completion() takes one object: { model, messages, ... }')
  }
  let body = params
  if (params.signal !== undefined) {
    const { signal, ...rest } = params
    if (signal !== null && !(typeof signal === 'object' && typeof signal.addEventListener === 'function')) {
      throw new BadRequestError('`signal` must be an AbortSignal (e.g. from new AbortController())')
    }
    body = rest
  }
  return toJson(body)
}

/**
 * One chat completion. Resolves to an OpenAI `chat.completion`, or with
 * `stream: true` to an async iterable of `chat.completion.chunk`s.
 */
async function completion(params) {
  const json = serialize(params)
  const signal = params.signal ?? undefined
  throwIfAborted(signal)
  try {
    if (params.stream === true) {
      return new CompletionStream(native.stream(json, true), signal)
    }
    if (!signal) return JSON.parse(await native.complete(json))
    const call = new native.NativeCall()
    const onAbort = () => call.abort()
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      return JSON.parse(await call.complete(json))
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  } catch (err) {
    throw fromNative(err)
  }
}

/**
 * A streamed completion as the engine's own stream parts rather than OpenAI chunks:
 * an async iterable of batches (each an array of parts with `at`, their arrival
 * offset in ms), then `stream.timing` / `stream.usage` / `stream.provider`. The
 * same call and checks as completion({ stream: true }) without the OpenAI shaping;
 * the playground reads streams this way.
 */
async function stream_parts(params) {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new BadRequestError('stream_parts() takes one object: { model, messages, ... }')
  }
  const json = serialize({ ...params, stream: true })
  const signal = params.signal ?? undefined
  throwIfAborted(signal)
  try {
    return new PartStream(native.stream(json, false), signal)
  } catch (err) {
    throw fromNative(err)
  }
}

/** The provider's own list of models: [{ id, display_name? }]. */
async function list_models(params) {
  if (params === null || typeof params !== 'object' || typeof params.provider !== 'string') {
    throw new BadRequestError("list_models() takes { provider: 'openai' | 'anthropic' | ..., api_base?, api_key? }")
  }
  try {
    return JSON.parse(await native.listModels(toJson(params)))
  } catch (err) {
    throw fromNative(err)
  }
}

/**
 * Opens a pooled connection to the model's host so a timed call starts warm.
 * Resolves to { ok, ms, error? }; a warm-up never throws for network reasons.
 */
async function warm(params) {
  if (params === null || typeof params !== 'object' || typeof params.model !== 'string') {
    throw new BadRequestError("warm() takes { model: 'provider/model', api_base?, api_key? }")
  }
  try {
    return JSON.parse(await native.warm(toJson(params)))
  } catch (err) {
    throw fromNative(err)
  }
}

/**
 * OpenAI's Responses API (LiteLLM's `responses()`): `{ model: 'openai/<model>' |
 * 'azure/<deployment>', input, instructions?, reasoning?, tools?,
 * previous_response_id?, stream? }`. Resolves to the `response` object (with
 * `_timing`), or with `stream: true` to an async iterable of the semantic events
 * (`response.created`, `response.output_text.delta`, …) with `stream.timing` and
 * `stream.usage` once it ends.
 */
async function responses(params) {
  if (params === null || typeof params !== 'object' || typeof params.model !== 'string') {
    throw new BadRequestError("responses() takes { model: 'openai/<model>', input, ... }")
  }
  const json = serialize(params)
  const signal = params.signal ?? undefined
  throwIfAborted(signal)
  try {
    if (params.stream === true) return new CompletionStream(native.responsesStream(json), signal)
    return JSON.parse(await native.responses(json))
  } catch (err) {
    throw fromNative(err)
  }
}

/**
 * Embeddings: `{ model: 'provider/model', input: 'text' | ['text', ...] }` →
 * LiteLLM's `EmbeddingResponse` (`data[i].embedding`, `usage`, `_timing`).
 */
async function embedding(params) {
  if (params === null || typeof params !== 'object' || typeof params.model !== 'string') {
    throw new BadRequestError("embedding() takes { model: 'provider/model', input: 'text' | ['text', ...] }")
  }
  try {
    return JSON.parse(await native.embedding(toJson(params)))
  } catch (err) {
    throw fromNative(err)
  }
}

let priceList
/** The one price table shipped with the package (USD per million tokens; date and source per entry). */
function price_table() {
  priceList ??= JSON.parse(native.priceTableJson())
  return priceList.map((p) => structuredClone(p))
}

/**
 * LiteLLM's cost_per_token: `[prompt_usd, completion_usd]` for token counts, with
 * cache reads, cache writes and reasoning priced at their own tiers.
 */
function cost_per_token(params) {
  if (params === null || typeof params !== 'object' || typeof params.model !== 'string') {
    throw new BadRequestError(
      "cost_per_token() takes { model: 'provider/model', prompt_tokens, completion_tokens, ... }",
    )
  }
  try {
    return JSON.parse(native.costPerTokenJson(toJson(params)))
  } catch (err) {
    throw fromNative(err)
  }
}

/**
 * LiteLLM's completion_cost: the USD cost of a response (a `chat.completion`, a
 * rebuilt stream, or `{ completion_response }`), from its usage and the price
 * table. `model` overrides the response's (needed when a served name has no
 * provider prefix the engine can infer, e.g. a rebuilt Groq stream).
 */
function completion_cost(response, options = {}) {
  const r = response?.completion_response ?? response
  const usage = r?.usage
  if (!usage || typeof usage !== 'object') {
    throw new BadRequestError(
      'completion_cost() takes a response with `usage` (a completion, or a stream rebuilt with stream_chunk_builder)',
    )
  }
  const model = options.model ?? (r._provider ? `${r._provider}/${r.model}` : r.model)
  try {
    return JSON.parse(native.completionCostJson(toJson({ model: String(model), usage })))
  } catch (err) {
    throw fromNative(err)
  }
}

/**
 * The prompt's token count before a request, with which tokenizer counted it:
 * `{ tokens, tokenizer: 'o200k_base' | 'cl100k_base' | 'estimate', estimated }`.
 */
function count_tokens(params) {
  if (params === null || typeof params !== 'object' || typeof params.model !== 'string') {
    throw new BadRequestError("count_tokens() takes { model: 'provider/model', messages } or { model, text }")
  }
  try {
    return JSON.parse(native.tokenCounterJson(toJson(params)))
  } catch (err) {
    throw fromNative(err)
  }
}

/** LiteLLM's token_counter: the count alone (see count_tokens for which tokenizer counted). */
function token_counter(params) {
  return count_tokens(params).tokens
}

let providerList
/** Every provider: name, wire protocol, default base URL, key and base environment variables. */
function providers() {
  providerList ??= JSON.parse(native.providersJson())
  return providerList.map((p) => ({ ...p }))
}

let rangeList
/** The allowed range of every numeric parameter, from the engine's own validation table. */
function param_ranges() {
  rangeList ??= JSON.parse(native.paramRangesJson())
  return rangeList.map((r) => ({ ...r }))
}

/** What replaces a secret in every redacted text: the engine's marker. */
const REDACTED = native.redactedMarker()

/**
 * The engine's scrubber (the one its own error messages pass through): replaces
 * each of `secrets` (raw and percent-encoded, longest first; values under six
 * characters are ignored) with REDACTED, then, unless `options.patterns` is false,
 * anything shaped like a key (`Bearer …`, `?key=…`, `x-api-key: …`, `sk-…`).
 */
function redact(text, secrets = [], options = {}) {
  if (typeof text !== 'string') throw new BadRequestError(`redact() takes a string, not ${typeof text}`)
  if (!Array.isArray(secrets) || !secrets.every((s) => typeof s === 'string')) {
    throw new BadRequestError('redact(text, secrets): `secrets` must be an array of strings (the values to remove)')
  }
  return native.redact(text, secrets, options?.patterns !== false)
}

module.exports = {
  completion,
  stream_parts,
  param_ranges,
  acompletion: completion,
  stream_chunk_builder,
  list_models,
  providers,
  warm,
  embedding,
  aembedding: embedding,
  responses,
  aresponses: responses,
  price_table,
  cost_per_token,
  completion_cost,
  token_counter,
  count_tokens,
  redact,
  REDACTED,
  ...errorClasses,
}
