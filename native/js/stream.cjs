'use strict'
// The async iterable a streamed completion() resolves to. It pulls batches of
// parts from the native stream (one Node-API crossing per batch, however many
// chunks arrived meanwhile) and hands out OpenAI chunks one by one.

const { ChunkState, partsToChunks } = require('./chunks.cjs')
const { fromNative, AbortError } = require('./errors.cjs')

class CompletionStream {
  #native
  #state
  #queue = []
  #next = 0
  #done = false
  #signal
  #onAbort

  constructor(native, model, signal) {
    this.#native = native
    this.#state = new ChunkState(model)
    if (signal) {
      this.#signal = signal
      this.#onAbort = () => this.abort()
      signal.addEventListener('abort', this.#onAbort, { once: true })
    }
  }

  /** The latency record, available once the stream has ended (also after a failure). */
  get timing() {
    return this.#state.timing
  }

  /** Final usage (provider-reported, or estimated where the provider sent none). */
  get usage() {
    return this.#state.usage
  }

  /** Stops the stream and closes its HTTP request. */
  abort() {
    this.#native.abort()
  }

  [Symbol.asyncIterator]() {
    return this
  }

  async next() {
    while (this.#next >= this.#queue.length) {
      if (this.#done) return { value: undefined, done: true }
      await this.#pull()
    }
    return { value: this.#queue[this.#next++], done: false }
  }

  /** `break` in `for await` lands here: close the request in Rust now. */
  async return() {
    if (!this.#done) {
      this.#native.abort()
      this.#finish()
    }
    return { value: undefined, done: true }
  }

  async #pull() {
    let json
    try {
      json = await this.#native.next()
    } catch (err) {
      this.#finish()
      throw fromNative(err)
    }
    if (json === null) {
      this.#finish()
      return
    }
    const queue = []
    partsToChunks(this.#state, JSON.parse(json), queue)
    this.#queue = queue
    this.#next = 0
  }

  #finish() {
    this.#done = true
    this.#queue = []
    this.#next = 0
    if (this.#signal) this.#signal.removeEventListener('abort', this.#onAbort)
  }
}

/** Rejects at once when the signal is already aborted, like fetch(). */
function throwIfAborted(signal) {
  if (signal?.aborted) throw new AbortError('the request was aborted before it started')
}

module.exports = { CompletionStream, throwIfAborted }
