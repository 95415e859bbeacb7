// Types of @edgequake/llm's public API (LiteLLM's call shape, OpenAI's result shapes).

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool'

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } | string }

export interface ToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

/** A signed reasoning block (Anthropic extended thinking), as LiteLLM names it. */
export interface ThinkingBlock {
  type: 'thinking'
  thinking: string
  signature: string
}

export interface Message {
  role: Role
  content?: string | ContentPart[] | null
  name?: string
  tool_calls?: ToolCall[]
  tool_call_id?: string
  /** An assistant turn's signed reasoning, passed back as the response gave it (Anthropic needs it to continue a tool call with thinking on). */
  thinking_blocks?: ThinkingBlock[]
}

export interface Tool {
  type: 'function'
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean }
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } }

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } }

export interface CompletionParams {
  /** `provider/model`, e.g. `openai/gpt-4o-mini`; bare `gpt-*`, `o*`, `claude-*`, `gemini-*` are inferred. */
  model: string
  messages: Message[]
  stream?: boolean
  temperature?: number
  top_p?: number
  top_k?: number
  max_tokens?: number
  max_completion_tokens?: number
  stop?: string | string[]
  seed?: number
  presence_penalty?: number
  frequency_penalty?: number
  tools?: Tool[]
  tool_choice?: ToolChoice
  response_format?: ResponseFormat
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high'
  user?: string
  stream_options?: { include_usage?: boolean }
  /** Total seconds for the whole call, streaming included (default 600). */
  timeout?: number
  /** Seconds to wait for the response headers (default: `timeout`). */
  first_byte_timeout?: number
  /** Seconds a stream may receive nothing before it fails with `Timeout` (off by default). */
  stream_timeout?: number
  /** Largest stream event or whole response, in bytes (default 16 MiB); larger fails with `APIError`. */
  max_event_bytes?: number
  /** Retries on 408/409/429/5xx and connection errors, with backoff honouring retry-after. */
  num_retries?: number
  api_base?: string
  api_key?: string
  api_version?: string
  extra_headers?: Record<string, string>
  /** Leave out parameters the provider does not support instead of failing. */
  drop_params?: boolean
  /** Answer with this text without any network (streamed when `stream: true`). */
  mock_response?: string
  /** With `mock_response`: simulated time to first token in ms. */
  mock_ttft_ms?: number
  /** With `mock_response`: simulated decode rate (tokens per second). */
  mock_tokens_per_second?: number
  /** Aborts the call: the HTTP request is closed in Rust. */
  signal?: AbortSignal
}

export interface Usage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details: { cached_tokens: number }
  completion_tokens_details: { reasoning_tokens: number }
}

/** Ollama's own server-side timings (nanoseconds). */
export interface OllamaTimings {
  total_duration: number
  load_duration: number
  prompt_eval_count: number
  prompt_eval_duration: number
  eval_count: number
  eval_duration: number
}

/**
 * The latency record of one call, measured in Rust at the socket on a monotonic
 * clock. Offsets (`*_ms` except the phase durations) are milliseconds from the
 * moment `completion()` was called.
 */
export interface Timing {
  start_unix_ms: number
  /** DNS lookup duration; null for IP-literal hosts or a reused connection. */
  dns_ms: number | null
  /** TCP connect duration; null on a reused connection. */
  connect_ms: number | null
  /** TLS handshake duration; null for plain HTTP or a reused connection. */
  tls_ms: number | null
  request_sent_ms: number | null
  /** Response headers received (time to first byte). */
  headers_ms: number | null
  first_event_ms: number | null
  /** Time to first token: first non-empty content, reasoning or tool-call delta. */
  first_token_ms: number | null
  end_ms: number | null
  reused_connection: boolean
  http_version: '1.0' | '1.1' | '2' | null
  /** Arrival offset of every token-bearing chunk (inter-token gaps are their differences). */
  chunk_offsets_ms: number[]
  output_tokens: number
  output_tokens_source: 'provider' | 'estimate'
  /** (output_tokens − 1) / (end − first token); null when not measurable. */
  decode_tokens_per_s: number | null
  /** output_tokens / (end − start). */
  e2e_tokens_per_s: number | null
  /** Every token arrived in one network read (buffering proxy): rates are withheld. */
  buffered: boolean
  /** Requests made, retries included. */
  attempts: number
  ollama?: OllamaTimings
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
    }
    finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call'
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
    }
    finish_reason: ChatCompletion['choices'][number]['finish_reason'] | null
    logprobs: null
  }>
  /** Only on the final chunk (which has empty `choices`). */
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

export interface ProviderInfo {
  name: string
  /** How people name it: "OpenAI", "Google Gemini", "vLLM". */
  label: string
  wire: 'open_ai' | 'azure' | 'anthropic' | 'gemini' | 'ollama'
  default_base: string
  key_env: string | null
  base_env: string
  key_required: boolean
  /** A server run on your own machine (Ollama, LM Studio, vLLM). */
  local: boolean
}
export function providers(): ProviderInfo[]

/** The allowed range of a numeric parameter, from the engine's validation table. */
export interface ParamRange {
  name: string
  min: number
  max: number
  /** `min` itself is not allowed (e.g. a timeout of 0). */
  min_exclusive: boolean
  integer: boolean
}
/** Every numeric parameter's range: the engine checks exactly these. */
export function param_ranges(): ParamRange[]

export class EdgeQuakeLLMError extends Error {
  status_code: number | null
  llm_provider: string | null
  model: string | null
  retryable: boolean
  /** Seconds the provider asked to wait before retrying (`retry-after` / `retry-after-ms`), or null. */
  retry_after: number | null
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
