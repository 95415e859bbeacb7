'use strict'
// The async iterables a streamed call resolves to. Both pull batches from the native
// stream — one Node-API crossing and one JSON.parse per batch, however many items
// arrived meanwhile. The last element of the last batch is the `end` part (timing,
// usage, provider), kept aside for `timing` / `usage`.
//   CompletionStream: OpenAI chunks, shaped in Rust (native/core/src/engine/chunks.rs),
//                     handed out one by one (completion({stream: true}), responses()).
//   PartStream:       the engine's own stream parts (native/js/types/StreamPart.ts),
//                     handed out a batch at a time (stream_parts(): what the app reads).

const { fromNative, AbortError } = require('./errors.cjs')

/** Pulls batches from a native stream and keeps the `end` part aside. */
class BatchReader {
  #native
  #done = false
  #signal
  #onAbort
  end = null

  constructor(native, signal) {
    this.#native = native
    if (signal) {
      this.#signal = signal
      this.#onAbort = () => this.abort()
      signal.addEventListener('abort', this.#onAbort, { once: true })
    }
  }

  get done() {
    return this.#done
  }

  abort() {
    this.#native.abort()
  }

  /** The next batch (without the `end` part), or null at the end; rejects with the stream's error. */
  async pull() {
    if (this.#done) return null
    let json
    try {
      json = await this.#native.next()
    } catch (err) {
      this.#finish()
      throw fromNative(err)
    }
    if (json === null) {
      this.#finish()
      return null
    }
    return this.#takeEnd(JSON.parse(json))
  }

  /**
   * `break` in `for await` lands here: close the request in Rust now, then take the
   * `end` part the aborted stream still writes, so `timing` and `usage` (what the
   * provider reported before the abort) stay readable.
   */
  async close() {
    if (this.#done) return
    this.#native.abort()
    try {
      for (let json = await this.#native.next(); json !== null; json = await this.#native.next()) {
        this.#takeEnd(JSON.parse(json))
      }
    } catch {
      // The AbortError we caused by aborting: the caller chose to stop, nothing to report.
    } finally {
      this.#finish()
    }
  }

  #takeEnd(items) {
    if (items.length > 0 && items[items.length - 1].type === 'end') this.end = items.pop()
    return items
  }

  #finish() {
    this.#done = true
    if (this.#signal) this.#signal.removeEventListener('abort', this.#onAbort)
  }
}

/** Where a stream keeps its reader: a symbol, so it stays out of the public surface. */
const READER = Symbol('reader')

/** Shared surface of both stream kinds: the end record, abort, and `break` handling. */
class NativeStreamBase {
  constructor(native, signal) {
    this[READER] = new BatchReader(native, signal)
  }

  /** The latency record, available once the stream has ended (also after a failure). */
  get timing() {
    return this[READER].end?.timing ?? null
  }

  /** Final usage (provider-reported, or estimated where the provider sent none). */
  get usage() {
    return this[READER].end?.usage ?? null
  }

  /** Stops the stream and closes its HTTP request. */
  abort() {
    this[READER].abort()
  }

  [Symbol.asyncIterator]() {
    return this
  }

  async return() {
    await this[READER].close()
    return { value: undefined, done: true }
  }
}

class CompletionStream extends NativeStreamBase {
  #queue = []
  #next = 0

  async next() {
    while (this.#next >= this.#queue.length) {
      const batch = await this[READER].pull()
      if (batch === null) return { value: undefined, done: true }
      this.#queue = batch
      this.#next = 0
    }
    return { value: this.#queue[this.#next++], done: false }
  }

  /** `break`: chunks already read but not handed out are dropped, the stream is over. */
  async return() {
    this.#queue = []
    this.#next = 0
    return super.return()
  }
}

class PartStream extends NativeStreamBase {
  /** The provider that served the call (set once the stream has ended). */
  get provider() {
    return this[READER].end?.provider ?? null
  }

  async next() {
    for (;;) {
      const batch = await this[READER].pull()
      if (batch === null) return { value: undefined, done: true }
      if (batch.length > 0) return { value: batch, done: false }
    }
  }
}

/** Rejects at once when the signal is already aborted, like fetch(). */
function throwIfAborted(signal) {
  if (signal?.aborted) throw new AbortError('the request was aborted before it started')
}

module.exports = { CompletionStream, PartStream, throwIfAborted }
