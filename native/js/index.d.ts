// Types of @edgequake/llm's public API (LiteLLM's call shape, OpenAI's result shapes).

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool'

/** Anthropic's prompt-caching breakpoint; refused on other wires unless `drop_params`. */
export interface CacheControl {
  type: 'ephemeral'
  /** Anthropic's cache lifetime, e.g. `'1h'` (default 5 minutes). */
  ttl?: string
}

export type ContentPart =
  | { type: 'text'; text: string; cache_control?: CacheControl }
  | {
      type: 'image_url'
      image_url: { url: string; detail?: 'auto' | 'low' | 'high' } | string
      cache_control?: CacheControl
    }

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
  /** Prompt caching (Anthropic): marks this message's last content block. */
  cache_control?: CacheControl
}

export interface FunctionDefinition {
  name: string
  description?: string
  parameters?: Record<string, unknown>
  strict?: boolean
}

export interface Tool {
  type: 'function'
  function: FunctionDefinition
  /** Prompt caching (Anthropic) of the tool definitions up to this one. */
  cache_control?: CacheControl
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
  /** With `include_usage: true` the stream ends with a usage chunk (`choices: []`); `stream.usage` is set either way. */
  stream_options?: { include_usage?: boolean }
  /** Choices to generate (1–128): OpenAI-compatible, Azure, Gemini (`candidateCount`); refused elsewhere unless `drop_params`. */
  n?: number
  /** OpenAI-compatible, Azure, Gemini (`responseLogprobs`); refused elsewhere unless `drop_params`. */
  logprobs?: boolean
  /** 0–20 alternatives per token (with `logprobs`). */
  top_logprobs?: number
  logit_bias?: Record<string, number>
  /** Anthropic: `false` becomes `tool_choice.disable_parallel_tool_use`. */
  parallel_tool_calls?: boolean
  /** Sent to OpenAI and Azure beside `store: true`; Anthropic takes its `user_id`; otherwise kept out of requests. */
  metadata?: Record<string, unknown>
  service_tier?: string
  /** OpenAI's predicted outputs. */
  prediction?: { type: 'content'; content: string | Array<{ type: 'text'; text: string }> }
  modalities?: Array<'text' | 'audio'>
  audio?: { voice: string; format: string }
  /** OpenAI search models; Anthropic's web search tool; Gemini's Google Search grounding. */
  web_search_options?: {
    search_context_size?: 'low' | 'medium' | 'high'
    user_location?: { type: 'approximate'; approximate: Record<string, string> }
  }
  /** Anthropic's extended thinking (also Gemini's budget and Ollama's `think`); wins over `reasoning_effort`. */
  thinking?: { type: 'enabled'; budget_tokens: number } | { type: 'disabled' }
  /** Legacy function calling: converted to `tools`; the answer comes back as `function_call`. */
  functions?: FunctionDefinition[]
  function_call?: 'auto' | 'none' | { name: string }
  /** Merged into the provider's request body last (objects key by key). */
  extra_body?: Record<string, unknown>
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
  /** LiteLLM's alias of `api_base`. */
  base_url?: string
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

/** OpenAI's usage with LiteLLM's cache fields; `prompt_tokens` includes cached and cache-written tokens. */
export interface Usage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details: { cached_tokens: number }
  completion_tokens_details: { reasoning_tokens: number }
  /** Prompt tokens written to the cache (Anthropic; 0 where caching is implicit). */
  cache_creation_input_tokens: number
  /** Prompt tokens read from the cache (= `prompt_tokens_details.cached_tokens`). */
  cache_read_input_tokens: number
}

/** What the server reported about its own timing, by source, normalized to milliseconds. */
export interface ServerTimings {
  /** llama.cpp server's `timings` (counts and rates as sent). */
  llama_cpp?: {
    cache_n?: number
    prompt_n?: number
    prompt_ms?: number
    prompt_per_second?: number
    predicted_n?: number
    predicted_ms?: number
    predicted_per_second?: number
  }
  /** Groq's `queue_time` / `prompt_time` / `completion_time` / `total_time` (seconds on the wire). */
  groq?: { queue_ms?: number; prompt_ms?: number; completion_ms?: number; total_ms?: number }
  /** Ollama's durations (nanoseconds on the wire). */
  ollama?: {
    total_ms: number
    load_ms: number
    prompt_eval_ms: number
    eval_ms: number
    prompt_eval_count: number
    eval_count: number
  }
  /** Duration headers by lower-case name: `*-processing-ms`, `x-envoy-upstream-service-time`, `server-timing:<metric>`. */
  headers?: Record<string, number>
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
  /** The server's own report of its timing; absent when it sent none. */
  server?: ServerTimings
}

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
export interface EdgeQuakeLLMErrorInfo {
  status_code?: number | null
  llm_provider?: string | null
  model?: string | null
  retryable?: boolean
  retry_after?: number | null
  hint?: string | null
}
export class EdgeQuakeLLMError extends Error {
  /** `detail` is what went wrong; `message` becomes `detail (hint)` when there is a hint. */
  constructor(detail: string, info?: EdgeQuakeLLMErrorInfo)
  /** LiteLLM's message: the detail, then the hint in parentheses when there is one. */
  message: string
  /** What went wrong (the provider's own words, or the engine's), without the hint. */
  detail: string
  /** What to do about it, in the library's terms (`api_key`, `num_retries`), or null. */
  hint: string | null
  status_code: number | null
  llm_provider: string | null
  model: string | null
  /** Whether the same call may succeed if retried (decided by the engine: 408/409/429/5xx, connection failures, timeouts). */
  retryable: boolean
  /** Seconds the provider asked to wait before retrying (`retry-after` / `retry-after-ms`), at most a day, or null. */
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
