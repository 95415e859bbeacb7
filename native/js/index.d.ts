// Types of @edgequake/llm's public API (LiteLLM's call shape, OpenAI's result shapes).

// The call's parameters are generated from the Rust definitions (native/core/src/request.rs).
import type { CacheControl } from './types/CacheControl'
import type { CompletionParams as RustCompletionParams } from './types/CompletionParams'
import type { ContentPart } from './types/ContentPart'
import type { FunctionDefinition } from './types/FunctionDefinition'
import type { Message } from './types/Message'
import type { Role } from './types/Role'
import type { Tool } from './types/Tool'
import type { ToolCall } from './types/ToolCall'

export type { CacheControl, ContentPart, FunctionDefinition, Message, Role, Tool, ToolCall }

/** A signed reasoning block (Anthropic extended thinking), as LiteLLM names it. */
export interface ThinkingBlock {
  type: 'thinking'
  thinking: string
  signature: string
}

export type ToolChoice = NonNullable<RustCompletionParams['tool_choice']>
export type ResponseFormat = NonNullable<RustCompletionParams['response_format']>

/** completion()'s parameters: the engine's own, plus what only JavaScript has. */
export type CompletionParams = RustCompletionParams & {
  /** LiteLLM's alias of `api_base`. */
  base_url?: string
  /** Aborts the call: the HTTP request is closed in Rust. */
  signal?: AbortSignal
}

// Types generated from the Rust definitions by ts-rs (native/js/types/;
// `npm run gen:types` regenerates them, `npm test` fails when they are stale).
import type { EndPart } from './types/EndPart'
import type { ErrorInfo } from './types/ErrorInfo'
import type { ParamRange } from './types/ParamRange'
import type { ProviderInfo } from './types/ProviderInfo'
import type { StreamPart } from './types/StreamPart'
import type { TimedPart } from './types/TimedPart'
import type { Timing } from './types/Timing'
import type { Usage } from './types/Usage'

export type { ErrorKind } from './types/ErrorKind'
export type { FinishReason } from './types/FinishReason'
export type { OllamaTimings } from './types/OllamaTimings'
export type { ServerTimings } from './types/ServerTimings'
export type { UsagePart } from './types/UsagePart'
export type { Wire } from './types/Wire'
export type { EndPart, ErrorInfo, ParamRange, ProviderInfo, StreamPart, TimedPart, Timing, Usage }

/** OpenAI's log probabilities of a choice's tokens. */
export interface Logprobs {
  content: Array<{ token: string; logprob: number; bytes?: number[] | null; top_logprobs?: unknown[] }> | null
  refusal?: unknown
}

export interface ChatCompletion {
  id: string
  object: 'chat.completion'
  created: number
  model: string
  choices: Array<{
    index: number
    message: {
      role: 'assistant'
      content: string | null
      reasoning_content?: string
      thinking_blocks?: ThinkingBlock[]
      tool_calls?: ToolCall[]
      /** Only when the call passed legacy `functions` (instead of `tool_calls`). */
      function_call?: { name: string; arguments: string }
    }
    finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call'
    logprobs: Logprobs | null
  }>
  usage: Usage
  /** LiteLLM's total response time in ms. */
  _response_ms: number
  _provider: string
  _timing: Timing
}

export interface ToolCallDelta {
  index: number
  id?: string
  type?: 'function'
  function: { name?: string; arguments: string }
}

export interface ChatCompletionChunk {
  id: string
  object: 'chat.completion.chunk'
  created: number
  model: string
  choices: Array<{
    index: number
    delta: {
      role?: 'assistant'
      content?: string
      reasoning_content?: string
      /** Closes the reasoning streamed since the last signature; `thinking` is empty here. */
      thinking_blocks?: ThinkingBlock[]
      tool_calls?: ToolCallDelta[]
      /** Only when the call passed legacy `functions`. */
      function_call?: { name?: string; arguments: string }
    }
    finish_reason: ChatCompletion['choices'][number]['finish_reason'] | null
    logprobs: Logprobs | null
  }>
  /** Only on the final chunk (empty `choices`), sent when `stream_options.include_usage` is true. */
  usage?: Usage
  /** When this chunk's bytes arrived at the socket, in ms from the call's start. */
  _arrival_ms: number
}

export interface CompletionStream extends AsyncIterable<ChatCompletionChunk> {
  /** The latency record; set when the stream ends (also after a failure). */
  readonly timing: Timing | null
  readonly usage: Usage | null
  /** Stops the stream and closes its HTTP request. */
  abort(): void
}

export function completion(params: CompletionParams & { stream: true }): Promise<CompletionStream>
export function completion(params: CompletionParams & { stream?: false }): Promise<ChatCompletion>
export function completion(params: CompletionParams): Promise<ChatCompletion | CompletionStream>
export const acompletion: typeof completion

/** A streamed completion as the engine's own parts: batches of parts as they arrived. */
export interface PartStream extends AsyncIterable<TimedPart[]> {
  /** The latency record; set when the stream ends (also after a failure). */
  readonly timing: Timing | null
  readonly usage: Usage | null
  /** The provider that served the call; set when the stream ends. */
  readonly provider: EndPart['provider'] | null
  /** Stops the stream and closes its HTTP request. */
  abort(): void
}

/**
 * The same call as completion({ stream: true }), read as the engine's stream parts
 * (text, reasoning, tool-call fragments, usage, finish…) instead of OpenAI chunks:
 * no OpenAI shaping, one batch per network read the consumer had not yet taken.
 */
export function stream_parts(params: CompletionParams): Promise<PartStream>

/**
 * Rebuilds the whole completion from a stream's chunks; `null` for no chunks (as
 * LiteLLM returns None). A stream cut short keeps `finish_reason: null`.
 */
export function stream_chunk_builder(
  chunks: ChatCompletionChunk[],
  messages?: Message[],
): Omit<ChatCompletion, '_response_ms' | '_provider' | '_timing'> | null

export interface ModelInfo {
  id: string
  display_name?: string
}
export function list_models(params: {
  provider: string
  api_base?: string
  api_key?: string
  api_version?: string
  timeout?: number
}): Promise<ModelInfo[]>

/** Opens a pooled connection to the model's host so a timed call starts warm. Never throws for network reasons. */
export function warm(params: {
  model: string
  api_base?: string
  api_key?: string
  api_version?: string
  timeout?: number
}): Promise<{ ok: boolean; ms: number; error?: string }>

/**
 * `responses()` parameters: OpenAI's Responses API request, sent as written, plus
 * the engine's options. Other names go to the provider too (a likely typo fails).
 */
export interface ResponsesParams {
  /** `openai/<model>`, `azure/<deployment>` or an OpenAI-compatible provider that serves `/responses`. */
  model: string
  /** A string, or input items (`{ role, content }` messages, `function_call_output`, …). */
  input?: string | Array<Record<string, unknown>>
  instructions?: string
  reasoning?: { effort?: 'minimal' | 'low' | 'medium' | 'high'; summary?: 'auto' | 'concise' | 'detailed' }
  tools?: Array<Record<string, unknown>>
  tool_choice?: unknown
  previous_response_id?: string
  stream?: boolean
  max_output_tokens?: number
  temperature?: number
  top_p?: number
  text?: Record<string, unknown>
  store?: boolean
  metadata?: Record<string, string>
  include?: string[]
  parallel_tool_calls?: boolean
  truncation?: 'auto' | 'disabled'
  user?: string
  timeout?: number
  first_byte_timeout?: number
  stream_timeout?: number
  num_retries?: number
  max_event_bytes?: number
  api_base?: string
  base_url?: string
  api_key?: string
  api_version?: string
  extra_headers?: Record<string, string>
  extra_body?: Record<string, unknown>
  signal?: AbortSignal
}

/** A Responses API `response` object as the provider sent it, plus `_provider` and `_timing`. */
export interface ResponsesResponse {
  id: string
  object: 'response'
  status: string
  model: string
  output: Array<Record<string, unknown>>
  usage: {
    input_tokens: number
    output_tokens: number
    total_tokens: number
    input_tokens_details?: { cached_tokens: number }
    output_tokens_details?: { reasoning_tokens: number }
  } | null
  _provider: string
  /** TTFT is the first output, reasoning or tool-argument delta, never `response.created`. */
  _timing: Timing
  [field: string]: unknown
}

/** One semantic event (`response.created`, `response.output_text.delta`, …) as sent, plus `_arrival_ms`. */
export interface ResponsesEvent {
  type: string
  _arrival_ms: number
  [field: string]: unknown
}

export interface ResponsesStream extends AsyncIterable<ResponsesEvent> {
  readonly timing: Timing | null
  /** OpenAI's chat usage shape, from `response.completed`. */
  readonly usage: Usage | null
  abort(): void
}

export function responses(params: ResponsesParams & { stream: true }): Promise<ResponsesStream>
export function responses(params: ResponsesParams & { stream?: false }): Promise<ResponsesResponse>
export function responses(params: ResponsesParams): Promise<ResponsesResponse | ResponsesStream>
export const aresponses: typeof responses

export interface EmbeddingParams {
  /** `provider/model`: openai, azure (deployment), gemini, ollama or an OpenAI-compatible provider. */
  model: string
  input: string | string[]
  /** Vector length (OpenAI `dimensions`, Gemini `outputDimensionality`, Ollama `dimensions`). */
  dimensions?: number
  /** `'base64'`: OpenAI-compatible only (refused elsewhere unless `drop_params`). */
  encoding_format?: 'float' | 'base64'
  user?: string
  timeout?: number
  first_byte_timeout?: number
  num_retries?: number
  api_base?: string
  base_url?: string
  api_key?: string
  api_version?: string
  extra_headers?: Record<string, string>
  extra_body?: Record<string, unknown>
  drop_params?: boolean
}

/** LiteLLM's `EmbeddingResponse`, vectors in input order. */
export interface EmbeddingResponse {
  object: 'list'
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>
  model: string
  /** `prompt_tokens_source: 'estimate'` where the provider reports no usage (Gemini): ⌈chars/4⌉. */
  usage: { prompt_tokens: number; total_tokens: number; prompt_tokens_source: 'provider' | 'estimate' }
  _provider: string
  _response_ms: number
  /** Network phases, `headers_ms`, `end_ms` and `server`; token fields are 0. */
  _timing: Timing
}

export function embedding(params: EmbeddingParams): Promise<EmbeddingResponse>
export const aembedding: typeof embedding

/** One entry of the price table: USD per million tokens. */
export interface ModelPrice {
  provider: string
  model: string
  /** Other names the provider answers with (e.g. Anthropic's dated snapshots). */
  aliases?: string[]
  input: number
  output: number
  /** Cached prompt tokens; absent = the input price. */
  cache_read?: number
  /** Prompt tokens written to the cache; absent = the input price. */
  cache_write?: number
  /** Reasoning tokens; absent = the output price. */
  reasoning?: number
  /** When the prices were read from `source`. */
  date: string
  source: string
}
export function price_table(): ModelPrice[]

export interface TokenCounts {
  /** `provider/model` (or a bare name the engine infers: gpt-*, claude-*, gemini-*). */
  model: string
  /** Every prompt token, cached and cache-written ones included (OpenAI's meaning). */
  prompt_tokens: number
  /** Every completion token, reasoning included. */
  completion_tokens: number
  cache_read_input_tokens?: number
  cache_creation_input_tokens?: number
  reasoning_tokens?: number
}
/** `[prompt_usd, completion_usd]`, as LiteLLM's cost_per_token. Throws `BadRequestError` for an unpriced model. */
export function cost_per_token(counts: TokenCounts): [number, number]
/** USD cost of a response from its usage and the price table. */
export function completion_cost(
  response:
    | (Pick<ChatCompletion, 'usage' | 'model'> & { _provider?: string })
    | { completion_response: Pick<ChatCompletion, 'usage' | 'model'> & { _provider?: string } },
  options?: { model?: string },
): number

export type TokenCounterParams = { model: string } & (
  | { messages: Message[]; text?: never }
  | { text: string; messages?: never }
)

/**
 * The prompt's token count: OpenAI models (and gpt-oss) with their real tokenizer,
 * offline; others ⌈chars/4⌉, labelled. Images and tool definitions are not counted.
 */
export function count_tokens(params: TokenCounterParams): {
  tokens: number
  tokenizer: 'o200k_base' | 'cl100k_base' | 'estimate'
  estimated: boolean
}
/** LiteLLM's token_counter: the count alone. */
export function token_counter(params: TokenCounterParams): number

export function providers(): ProviderInfo[]

/** Every numeric parameter's range: the engine checks exactly these. */
export function param_ranges(): ParamRange[]

/** What replaces a secret in every redacted text (`'[redacted]'`). */
export const REDACTED: string
/**
 * The engine's scrubber, the one its own error messages pass through: each of
 * `secrets` (raw and percent-encoded, longest first; values under six characters
 * are ignored) becomes `REDACTED`, then, unless `options.patterns` is `false`,
 * anything shaped like a key (`Bearer …`, `?key=…`, `x-api-key: …`, `sk-…`, `AIza…`).
 * Use `patterns: false` for text that may legitimately show key-like strings.
 */
export function redact(text: string, secrets?: readonly string[], options?: { patterns?: boolean }): string

/** The fields the engine decides for an error (what `EdgeQuakeLLMError`'s constructor takes). */
/** The fields an engine error carries, as the engine sends them (generated `ErrorInfo`). */
export type EdgeQuakeLLMErrorInfo = Partial<Omit<ErrorInfo, 'kind' | 'message'>>
export class EdgeQuakeLLMError extends Error {
  /** `detail` is what went wrong; `message` becomes `detail (hint)` when there is a hint. */
  constructor(detail: string, info?: EdgeQuakeLLMErrorInfo)
  /** LiteLLM's message: the detail, then the hint in parentheses when there is one. */
  message: string
  /** What went wrong (the provider's own words, or the engine's), without the hint. */
  detail: string
  /** What to do about it, in the library's terms (`api_key`, `num_retries`), or null. */
  hint: ErrorInfo['hint']
  status_code: ErrorInfo['status_code']
  llm_provider: ErrorInfo['llm_provider']
  model: ErrorInfo['model']
  /** Whether the same call may succeed if retried (decided by the engine: 408/409/429/5xx, connection failures, timeouts). */
  retryable: ErrorInfo['retryable']
  /** Seconds the provider asked to wait before retrying (`retry-after` / `retry-after-ms`), at most a day, or null. */
  retry_after: ErrorInfo['retry_after']
}
export class BadRequestError extends EdgeQuakeLLMError {}
export class ContextWindowExceededError extends BadRequestError {}
export class ContentPolicyViolationError extends BadRequestError {}
export class AuthenticationError extends EdgeQuakeLLMError {}
export class PermissionDeniedError extends EdgeQuakeLLMError {}
export class NotFoundError extends EdgeQuakeLLMError {}
export class Timeout extends EdgeQuakeLLMError {}
export class UnprocessableEntityError extends EdgeQuakeLLMError {}
export class RateLimitError extends EdgeQuakeLLMError {}
export class InternalServerError extends EdgeQuakeLLMError {}
export class ServiceUnavailableError extends EdgeQuakeLLMError {}
export class APIConnectionError extends EdgeQuakeLLMError {}
/** The server answered something that is not a valid reply (unparseable, HTML, a redirect, a broken stream protocol); never retried. */
export class APIError extends EdgeQuakeLLMError {}
export class AbortError extends EdgeQuakeLLMError {}
