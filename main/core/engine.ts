/**
 * The one module in main/ that loads the native engine (`@edgequake/llm`), as the
 * layer rule requires (CONVENTIONS.md #6). Everything else in the core depends on
 * the narrow `Engine` interface below, so unit tests inject a fake engine for
 * calls; the engine's pure functions (its error classes, its scrubber) are used
 * directly, so the app never keeps a second copy of them.
 */

import type { CompletionParams, ProviderInfo, TimedPart } from '@edgequake/llm'
import * as llm from '@edgequake/llm'
import type { ParamRange } from '../common/param-ranges'
import type { Timing, Usage } from '../common/timing'

/** A chat message as the engine takes it (OpenAI's shape, text only). */
export interface EngineMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

/**
 * One streamed column call: the subset of the engine's own parameter type
 * (`CompletionParams`, generated from Rust) the playground uses, with text-only
 * messages and a required abort signal.
 */
export type EngineCall = Pick<
  CompletionParams,
  | 'model'
  | 'temperature'
  | 'top_p'
  | 'max_tokens'
  | 'seed'
  | 'api_base'
  | 'api_key'
  | 'mock_response'
  | 'mock_ttft_ms'
  | 'mock_tokens_per_second'
  | 'stream_timeout'
> & {
  messages: EngineMessage[]
  stop?: string[]
  reasoning_effort?: 'low' | 'medium' | 'high'
  signal: AbortSignal
}

/** One batch of the engine's stream parts: what arrived since the last pull, each with `at`. */
export type EngineParts = TimedPart[]

/**
 * A running stream: the engine's own parts (no OpenAI shaping), a batch per pull,
 * then `timing`/`usage` once it ended (also after a failure).
 */
export interface EngineStream extends AsyncIterable<EngineParts> {
  readonly timing: Timing | null
  readonly usage: Usage | null
  abort(): void
}

/** A provider as the engine's registry describes it (the one source of provider facts). */
export type EngineProvider = ProviderInfo

/** What the core needs from the engine. */
export interface Engine {
  stream(call: EngineCall): Promise<EngineStream>
  listModels(params: {
    provider: string
    api_base?: string
    api_key?: string
    timeout?: number
  }): Promise<Array<{ id: string; display_name?: string }>>
  warm(params: { model: string; api_base?: string; api_key?: string; timeout?: number }): Promise<{
    ok: boolean
    ms: number
  }>
  providers(): EngineProvider[]
  /** The engine's validation table: every numeric parameter's allowed range. */
  paramRanges(): ParamRange[]
  /** The engine's one price table (USD per million tokens, dated and sourced per entry). */
  priceTable(): EnginePrice[]
}

/** One entry of the engine's price table (`price_table()`). */
export interface EnginePrice {
  provider: string
  model: string
  input: number
  output: number
  aliases?: string[]
}

/** The real engine. Every completion is streamed with usage reported. */
export function createEngine(): Engine {
  return {
    stream: (call) => llm.stream_parts({ ...call, stream_options: { include_usage: true } }),
    listModels: (params) => llm.list_models(params),
    warm: (params) => llm.warm(params),
    providers: () => llm.providers(),
    paramRanges: () => llm.param_ranges(),
    priceTable: () => llm.price_table(),
  }
}

/**
 * Every error the engine raises: LiteLLM's classes, whose fields (class, status,
 * `retryable`, `retry_after`, the library `hint` and the bare `detail`) the engine decided.
 */
export type EngineError = llm.EdgeQuakeLLMError

/** The engine's error classes by name (generated from Rust's `ErrorKind`). */
export type EngineErrorKind = llm.ErrorKind

/** The fields an engine error carries besides its class and detail. */
export type EngineErrorInfo = llm.EdgeQuakeLLMErrorInfo

/** Whether `err` is one of the engine's errors (the binding's own base class, not a look-alike). */
export function isEngineError(err: unknown): err is EngineError {
  return err instanceof llm.EdgeQuakeLLMError
}

/**
 * The text to show for something thrown: an engine error's bare `detail` (the app
 * gives advice of its own, not the library's `hint`), else the thrown value's message.
 */
export function errorText(err: unknown): string {
  if (isEngineError(err)) return err.detail
  return err instanceof Error ? err.message || String(err) : String(err)
}

/**
 * One of the engine's error classes by name (`AbortError`, `RateLimitError`, …), for
 * errors the app raises on the engine's behalf (a stop) and for test doubles.
 */
export function engineError(name: EngineErrorKind, detail: string, info: EngineErrorInfo = {}): EngineError {
  const Class: unknown = (llm as unknown as Record<string, unknown>)[name]
  if (typeof Class !== 'function' || !(Class.prototype instanceof llm.EdgeQuakeLLMError)) {
    throw new TypeError(`the engine has no error class named ${JSON.stringify(name)}`)
  }
  return new (Class as typeof llm.EdgeQuakeLLMError)(detail, info)
}

/**
 * The engine's scrubber (the one its own errors pass through): the given key values
 * (raw and percent-encoded), then anything shaped like a key (`Bearer …`, `?key=…`,
 * `sk-…`) unless `patterns` is false (content, which may discuss `sk-…` keys).
 */
export function redact(text: string, secrets: readonly string[] = [], options?: { patterns?: boolean }): string {
  return llm.redact(text, secrets, options)
}
