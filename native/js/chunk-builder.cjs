'use strict'
// stream_chunk_builder(chunks): rebuilds the whole `chat.completion` from the chunks
// of a stream, as LiteLLM's helper of the same name does.

function stream_chunk_builder(chunks) {
  if (!Array.isArray(chunks) || chunks.length === 0) {
    throw new TypeError('stream_chunk_builder() takes the non-empty array of chunks a stream yielded')
  }
  const first = chunks[0]
  let content = ''
  let reasoning = ''
  let unsigned = ''
  const thinkingBlocks = []
  let finishReason = null
  let usage = null
  const calls = []
  for (const c of chunks) {
    if (c.usage) usage = c.usage
    const choice = c.choices?.[0]
    if (!choice) continue
    const d = choice.delta || {}
    if (d.content) content += d.content
    if (d.reasoning_content) {
      reasoning += d.reasoning_content
      unsigned += d.reasoning_content
    }
    if (d.thinking_blocks) {
      for (const b of d.thinking_blocks) {
        if (!b.signature) continue
        thinkingBlocks.push({ type: 'thinking', thinking: unsigned + (b.thinking ?? ''), signature: b.signature })
        unsigned = ''
      }
    }
    if (d.tool_calls) {
      for (const t of d.tool_calls) {
        if (!calls[t.index]) calls[t.index] = { id: '', type: 'function', function: { name: '', arguments: '' } }
        const call = calls[t.index]
        if (t.id) call.id = t.id
        if (t.function?.name) call.function.name += t.function.name
        if (t.function?.arguments) call.function.arguments += t.function.arguments
      }
    }
    if (choice.finish_reason) finishReason = choice.finish_reason
  }
  const message = { role: 'assistant', content: content === '' && calls.length > 0 ? null : content }
  if (reasoning) message.reasoning_content = reasoning
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks
  if (calls.length > 0) message.tool_calls = calls.filter(Boolean)
  return {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    // A stream that never said how it finished (cut short) keeps null: inventing
    // 'stop' would pass a truncated answer off as complete.
    choices: [{ index: 0, message, finish_reason: finishReason }],
    usage,
  }
}

module.exports = { stream_chunk_builder }
