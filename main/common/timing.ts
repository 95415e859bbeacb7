/**
 * The engine's latency record of one call (mirrors `Timing` in
 * native/js/index.d.ts). Offsets are ms from the call start; `dns_ms`,
 * `connect_ms`, `tls_ms` are durations, null on a reused connection.
 */
export interface Timing {
  start_unix_ms: number
  dns_ms: number | null
  connect_ms: number | null
  tls_ms: number | null
  request_sent_ms: number | null
  headers_ms: number | null
  first_event_ms: number | null
  first_token_ms: number | null
  end_ms: number | null
  reused_connection: boolean
  http_version: '1.0' | '1.1' | '2' | null
  chunk_offsets_ms: number[]
  output_tokens: number
  output_tokens_source: 'provider' | 'estimate'
  decode_tokens_per_s: number | null
  e2e_tokens_per_s: number | null
  buffered: boolean
  attempts: number
  ollama?: {
    total_duration: number
    load_duration: number
    prompt_eval_count: number
    prompt_eval_duration: number
    eval_count: number
    eval_duration: number
  }
  /** The server's own report of its timing; absent when it sent none (engine branch `dropin`). */
  server?: ServerTimings
}

/**
 * What the server reported about its own timing, by source, in milliseconds (mirrors
 * `ServerTimings` in native/js/index.d.ts). Read by `ttftPhases` (phases.ts) to split
 * time to first token into network, queue and prefill.
 */
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
  /** Groq's `queue_time` / `prompt_time` / `completion_time` / `total_time`. */
  groq?: { queue_ms?: number; prompt_ms?: number; completion_ms?: number; total_ms?: number }
  /** Ollama's durations. */
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

/** Token usage as the engine normalizes it (OpenAI's shape). */
export interface Usage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details: { cached_tokens: number }
  completion_tokens_details: { reasoning_tokens: number }
}
