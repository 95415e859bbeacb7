// Shared JSDoc contracts for the fake provider. Types only: nothing here runs.
// Kept in one place so every wire module is checked against the same shape.

/**
 * What a test asks the server to do for one request. Every field is optional;
 * see README.md for the meaning of each one.
 * @typedef {Object} Script
 * @property {string} [id] Key for `fail_first` counters.
 * @property {string} [text] Reply text, split into word-ish tokens (one per chunk).
 * @property {string[]} [chunks] Reply content, one string per stream chunk.
 * @property {number} [chunk_count] Generate this many identical chunks (benchmarks).
 * @property {string} [chunk_text] The text of each generated chunk (default "tok ").
 * @property {string[]} [reasoning] Reasoning/thinking deltas, streamed before content.
 * @property {'reasoning_content'|'reasoning'|'reasoning_details'|'thinking_chunks'} [reasoning_field]
 *   Where an OpenAI-compatible server puts reasoning: DeepSeek's field, gpt-oss's, OpenRouter's
 *   `reasoning_details` items, or Mistral's `thinking` chunks inside a `content` array.
 * @property {boolean} [content_parts] OpenAI wire: content as arrays of `{"type":"text"}` parts.
 * @property {'usage'|'x_groq'} [usage_field] OpenAI wire: stream usage in `x_groq.usage` (Groq).
 * @property {'deltas'|'start'} [tool_input] Anthropic: tool input streamed, or whole in `content_block_start`.
 * @property {number} [tool_use_prompt_tokens] Gemini `toolUsePromptTokenCount`.
 * @property {boolean} [stream_function_call_args] Gemini: calls streamed as `partialArgs` pieces.
 * @property {string} [signature] Anthropic thinking signature.
 * @property {ToolCall[]} [tool_calls]
 * @property {'stop'|'length'|'tool_calls'|'content_filter'|'function_call'} [finish_reason]
 * @property {string} [native_finish_reason] Sent verbatim, overriding the mapping.
 * @property {Partial<Usage>} [usage]
 * @property {number} [headers_delay_ms]
 * @property {number} [first_token_delay_ms]
 * @property {number} [chunk_delay_ms]
 * @property {number} [chunks_per_write]
 * @property {number} [status] HTTP error status (>= 400) to answer with.
 * @property {{message?: string, type?: string, code?: string|number|null, param?: string|null, status?: string}} [error]
 * @property {Record<string, string>} [headers] Extra response headers.
 * @property {number} [fail_first]
 * @property {number} [mid_stream_error_after]
 * @property {'groq'} [error_style]
 * @property {number} [stall_after]
 * @property {number} [disconnect_after]
 * @property {boolean} [split_writes]
 * @property {number} [split_seed]
 * @property {number} [split_max]
 * @property {number} [split_delay_ms]
 * @property {boolean} [crlf]
 * @property {boolean} [comments]
 * @property {boolean} [no_space]
 * @property {boolean} [pad_json]
 * @property {boolean} [azure_filter_chunk]
 * @property {boolean} [skip_auth] Accept requests without a key (local servers).
 */

/**
 * @typedef {Object} ToolCall
 * @property {string} id
 * @property {string} name
 * @property {string} arguments JSON text.
 */

/**
 * @typedef {Object} Usage
 * @property {number} prompt_tokens
 * @property {number} completion_tokens
 * @property {number} cached_tokens
 * @property {number} reasoning_tokens
 * @property {number} cache_creation_tokens Anthropic's prompt tokens written to the cache.
 */

/**
 * A script resolved against one request: everything a wire needs to render.
 * @typedef {Object} Plan
 * @property {string} provider Wire tag, e.g. "openai", "azure".
 * @property {string} model Model id echoed back.
 * @property {boolean} stream
 * @property {boolean} includeUsage OpenAI `stream_options.include_usage`.
 * @property {number} seq Per-server request number, used for ids.
 * @property {number} created Unix seconds.
 * @property {string[]} reasoning
 * @property {string[]} chunks
 * @property {ToolCall[]} toolCalls
 * @property {string} finish OpenAI vocabulary.
 * @property {string|null} nativeFinish
 * @property {Usage} usage
 * @property {number} n Choices per reply: OpenAI's `n`, Gemini's `generationConfig.candidateCount` (at most 8).
 * @property {boolean} logprobs The request asked for `logprobs` (OpenAI) or `responseLogprobs` (Gemini).
 * @property {boolean} audio OpenAI wire: answer in `audio` (transcript + base64 data) instead of `content`.
 * @property {Record<string, number>|null} llamaTimings OpenAI wire: llama.cpp's `timings`, sent verbatim.
 * @property {Script['error']} error
 * @property {string|undefined} errorStyle
 * @property {'reasoning_content'|'reasoning'|'reasoning_details'|'thinking_chunks'} reasoningField
 * @property {boolean} contentParts
 * @property {'usage'|'x_groq'} usageField
 * @property {'deltas'|'start'} toolInput
 * @property {number} toolUsePromptTokens
 * @property {boolean} streamFunctionCallArgs
 * @property {string} signature
 * @property {Timing} timing
 * @property {{kind: 'error'|'stall'|'disconnect', after: number}|null} fault
 * @property {Quirks} quirks
 * @property {Record<string, string>} headers
 */

/**
 * @typedef {Object} Timing
 * @property {number} headersDelay
 * @property {number} firstTokenDelay
 * @property {number} chunkDelay
 * @property {number} chunksPerWrite 0 means "choose": 1 with delays, ~64 KiB writes without.
 */

/**
 * @typedef {Object} Quirks
 * @property {boolean} splitWrites
 * @property {number} splitSeed
 * @property {number} splitMax
 * @property {number} splitDelay
 * @property {boolean} crlf
 * @property {boolean} comments
 * @property {boolean} noSpace
 * @property {boolean} padJson
 * @property {boolean} azureFilterChunk
 */

/**
 * A stream rendered to framed strings before the first byte goes out, so the
 * pacing loop only joins and writes.
 * @typedef {Object} Rendered
 * @property {string} head Sent together with the headers (role chunk, message_start, ping).
 * @property {number} count Number of body events.
 * @property {(i: number) => string} at Framed body event i (a lookup, or built on demand when
 *   every event differs, as Gemini's cumulative usage makes them, to bound memory).
 * @property {number[]} contentIdx Body index of each content chunk (faults count these).
 * @property {(t: Clock) => string} tail Finish events; a function so Ollama can report real durations.
 * @property {string} error The provider's mid-stream error event.
 */

/**
 * Monotonic timestamps (process.hrtime.bigint) of one response.
 * @typedef {Object} Clock
 * @property {bigint} start Request received.
 * @property {bigint} [headers] Status line written.
 * @property {bigint} [first] First body event written.
 * @property {bigint} [end] Tail about to be written.
 */

/**
 * An HTTP answer decided before streaming (auth failure, validation error...).
 * @typedef {Object} Reply
 * @property {number} status
 * @property {unknown} body JSON-serialisable.
 */

/**
 * One provider wire format. Chat wires implement everything; the server
 * only calls these, so provider names are matched in the router alone.
 * @typedef {Object} Wire
 * @property {string} name
 * @property {Partial<Quirks>} [quirkDefaults]
 * @property {number} midStreamStatus Status used when a mid-stream error hits a non-stream request.
 * @property {(q: Record<string,string>) => Reply|null} [routeCheck]
 * @property {(h: import('node:http').IncomingHttpHeaders, q: Record<string,string>) => Reply|null} authenticate
 * @property {(body: any) => Reply|null} validate
 * @property {(status: number, error?: Script['error']) => unknown} errorBody
 * @property {(body: any, params: Record<string,string>, q: Record<string,string>) => boolean} isStream
 * @property {(body: any, params: Record<string,string>) => string} modelOf
 * @property {string} contentType Of a stream.
 * @property {(plan: Plan, frame: import('./framing.mjs').Framer) => Rendered} renderStream
 * @property {(plan: Plan, clock: Clock, route: {params: Record<string,string>, query: Record<string,string>}) => unknown} renderJson
 *   A JSON value, or an already-serialised string.
 */

export {}
