'use strict'
// Turns the native parts (see native/core/src/parts.rs) into OpenAI
// `chat.completion.chunk` objects. This runs once per chunk: object literals of
// one fixed shape, no spreading, no closures.

/** Mutable per-stream state: ids for the chunks and what the end part reported. */
class ChunkState {
  constructor(model) {
    this.id = ''
    this.model = model
    this.created = Math.floor(Date.now() / 1000)
    this.roleSent = false
    this.timing = null
    this.usage = null
    this.provider = null
  }
}

function chunk(state, delta, finishReason, at) {
  return {
    id: state.id,
    object: 'chat.completion.chunk',
    created: state.created,
    model: state.model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    _arrival_ms: at,
  }
}

/** Appends the chunks for `parts` to `out`; `meta`, `usage` and `end` only update state. */
function partsToChunks(state, parts, out) {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    switch (p.type) {
      case 'text':
        out.push(
          chunk(state, state.roleSent ? { content: p.text } : firstDelta({ content: p.text }, state), null, p.at),
        )
        break
      case 'reasoning':
        out.push(
          chunk(
            state,
            state.roleSent ? { reasoning_content: p.text } : firstDelta({ reasoning_content: p.text }, state),
            null,
            p.at,
          ),
        )
        break
      case 'reasoning_signature': {
        // The signed block's text is the reasoning_content streamed since the last
        // signature; stream_chunk_builder reassembles it.
        const delta = { thinking_blocks: [{ type: 'thinking', thinking: '', signature: p.signature }] }
        out.push(chunk(state, state.roleSent ? delta : firstDelta(delta, state), null, p.at))
        break
      }
      case 'tool_call': {
        const call = {
          index: p.index,
          id: p.id,
          type: p.id === undefined ? undefined : 'function',
          function: { name: p.name, arguments: p.arguments },
        }
        const delta = { tool_calls: [call] }
        out.push(chunk(state, state.roleSent ? delta : firstDelta(delta, state), null, p.at))
        break
      }
      case 'finish':
        out.push(chunk(state, {}, p.reason, p.at))
        break
      case 'meta':
        state.id = p.id
        if (p.model) state.model = p.model
        break
      case 'end':
        state.timing = p.timing
        state.usage = p.usage
        state.provider = p.provider
        // A failed stream ends with its error, not with a usage chunk.
        if (p.failed) break
        out.push({
          id: state.id,
          object: 'chat.completion.chunk',
          created: state.created,
          model: state.model,
          choices: [],
          usage: p.usage,
          _arrival_ms: p.timing.end_ms,
        })
        break
      // 'usage' parts are folded into the end part's usage by the core.
    }
  }
}

function firstDelta(delta, state) {
  state.roleSent = true
  delta.role = 'assistant'
  return delta
}

module.exports = { ChunkState, partsToChunks }
