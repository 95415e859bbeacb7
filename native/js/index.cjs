'use strict'
// @edgequake/llm: LiteLLM's call shape over a native Rust client.
//   completion({ model: 'provider/model', messages, stream })
// Parameters cross into Rust as one JSON string; results come back as JSON.

const native = require('./load-binding.cjs').loadBinding()
const errors = require('./errors.cjs')
const { CompletionStream, throwIfAborted } = require('./stream.cjs')
const { makeChunkBuilder } = require('./chunk-builder.cjs')

const { fromNative, BadRequestError } = errors
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

module.exports = {
  completion,
  param_ranges,
  acompletion: completion,
  stream_chunk_builder,
  list_models,
  providers,
  warm,
  ...errors,
}
