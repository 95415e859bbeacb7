/** An error shown in the column that failed. Never contains an API key. */
export interface ColumnError {
  /** The engine's error class name, e.g. `AuthenticationError`, `RateLimitError`, `AbortError`. */
  name: string
  message: string
  status_code: number | null
  retryable: boolean
  /** What the user can do, e.g. "Set the OpenAI key in Settings". */
  hint: string | null
  /** Seconds the provider asked to wait (`retry-after`), when the engine reported it. */
  retry_after_s?: number
  /** Token-bearing chunks that arrived before the failure (the partial output is kept). */
  chunks_before?: number
}
