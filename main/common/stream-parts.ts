/**
 * The stream-part union, the same vocabulary as the engine's Rust `StreamPart`
 * (native/core/src/parts.rs) and the store. `at` is the arrival offset at the socket
 * in ms from the column's call start, as measured by the engine.
 */
export type StreamPart =
  | { type: 'text'; text: string; at: number }
  | { type: 'reasoning'; text: string; at: number }
  | { type: 'tool_call'; index: number; id?: string; name?: string; arguments: string; at: number }
  | { type: 'finish'; reason: FinishReason; at: number }

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call'
