'use strict'
// stream_chunk_builder(chunks): rebuilds the whole `chat.completion` from the chunks
// of a stream, as LiteLLM's helper of the same name does. The work is done once, in
// Rust (native/core/src/engine/chunk_builder.rs), for every binding.

const { fromNative } = require('./errors.cjs')

function makeChunkBuilder(native) {
  /**
   * @param {object[]} chunks what the stream yielded
   * @param {unknown} [_messages] accepted for LiteLLM's signature; not needed
   */
  return function stream_chunk_builder(chunks, _messages) {
    if (!Array.isArray(chunks)) {
      throw new TypeError('stream_chunk_builder() takes the array of chunks a stream yielded')
    }
    let json
    try {
      json = native.streamChunkBuilder(JSON.stringify(chunks))
    } catch (err) {
      throw fromNative(err)
    }
    return json === null ? null : JSON.parse(json)
  }
}

module.exports = { makeChunkBuilder }
