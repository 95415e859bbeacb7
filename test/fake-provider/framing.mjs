// Turns JSON payloads into wire frames (SSE events or NDJSON lines), applying
// the decoder-exercising quirks in one place so every wire gets them alike.
// See REFERENCE.md "SSE in general" for which quirks real providers show.

/** @typedef {import('./types.mjs').Quirks} Quirks */
/** @typedef {import('./types.mjs').Rendered} Rendered */

/**
 * @typedef {Object} Framer
 * @property {(json: string, event?: string) => string} sse One SSE event.
 * @property {(json: string) => string} line One NDJSON line.
 * @property {string} done The OpenAI `data: [DONE]` terminator.
 */

/**
 * @param {Quirks} q
 * @returns {Framer}
 */
export function makeFramer(q) {
  const nl = q.crlf ? '\r\n' : '\n'
  const data = q.noSpace ? 'data:' : 'data: '
  const eventField = q.noSpace ? 'event:' : 'event: '
  // Anthropic pads some payloads with trailing spaces; a decoder must trim.
  const pad = q.padJson ? '  ' : ''
  const end = pad + nl + nl
  return {
    sse: (json, event) => (event ? eventField + event + nl : '') + data + json + end,
    line: (json) => json + nl,
    done: `${data}[DONE]${nl}${nl}`,
  }
}

/**
 * OpenRouter keeps connections alive with `: OPENROUTER PROCESSING` comment
 * lines; we put one before the first event and one before every fourth body
 * event. Indices stay the same, so fault positions are unaffected.
 * @param {Rendered} r
 * @param {Quirks} q
 * @returns {Rendered}
 */
export function injectComments(r, q) {
  const nl = q.crlf ? '\r\n' : '\n'
  const comment = `: OPENROUTER PROCESSING${nl}${nl}`
  const at = r.at
  return { ...r, head: comment + r.head, at: (i) => (i % 4 === 1 ? comment + at(i) : at(i)) }
}

/**
 * Body accessors over an array of pre-framed events.
 * @param {string[]} body
 * @returns {Pick<Rendered, 'count' | 'at'>}
 */
export function eventList(body) {
  return { count: body.length, at: (i) => body[i] }
}
