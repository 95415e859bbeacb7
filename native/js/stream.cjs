'use strict'
// The async iterable a streamed completion() resolves to. It pulls batches of
// OpenAI chunks, shaped in Rust (native/core/src/engine/chunks.rs), from the
// native stream — one Node-API crossing and one JSON.parse per batch, however many
// chunks arrived meanwhile — and hands them out one by one. The last element of
// the last batch is the `end` part: timing, usage, provider.

const { fromNative, AbortError } = require('./errors.cjs')

class CompletionStream {
  #native
  #end = null
  #queue = []
  #next = 0
  #done = false
  #signal
  #onAbort

  constructor(native, signal) {
    this.#native = native
    if (signal) {
      this.#signal = signal
      this.#onAbort = () => this.abort()
      signal.addEventListener('abort', this.#onAbort, { once: true })
    }
  }

  /** The latency record, available once the stream has ended (also after a failure). */
  get timing() {
    return this.#end?.timing ?? null
  }

  /** Final usage (provider-reported, or estimated where the provider sent none). */
  get usage() {
    return this.#end?.usage ?? null
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
    const items = JSON.parse(json)
    if (items.length > 0 && items[items.length - 1].type === 'end') this.#end = items.pop()
    this.#queue = items
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
