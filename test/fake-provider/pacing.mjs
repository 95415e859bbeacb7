// Puts pre-rendered bytes on the socket on schedule: delays, coalesced
// writes, back-pressure, split writes and the three mid-stream faults.
// Everything here is string joins and res.write(): the per-chunk JSON was
// built by the wire before the first byte, so benchmarks measure the client.

/** @typedef {import('./types.mjs').Plan} Plan */
/** @typedef {import('./types.mjs').Quirks} Quirks */
/** @typedef {import('./types.mjs').Rendered} Rendered */
/** @typedef {import('./types.mjs').Clock} Clock */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/** Target size of one coalesced write when nothing asks for pacing. */
const AUTO_WRITE_BYTES = 64 * 1024

export const now = () => process.hrtime.bigint()

/**
 * Whether the response is still wanted. Every wait goes through here, so a
 * client abort or server close() clears all timers and wakes every waiter.
 */
export class Life {
  /** @param {ServerResponse} res */
  constructor(res) {
    this.closed = false
    /** @type {Set<() => void>} */
    this.waiters = new Set()
    res.once('close', () => {
      this.closed = true
      for (const wake of this.waiters) wake()
      this.waiters.clear()
    })
  }

  /** @param {number} ms */
  sleep(ms) {
    if (ms <= 0 || this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(done)
        resolve(undefined)
      }
      const timer = setTimeout(done, ms)
      this.waiters.add(done)
    })
  }

  /**
   * Resolve on `event` from `emitter`, or when the response closes.
   * @param {import('node:events').EventEmitter} emitter
   * @param {string} event
   */
  wait(emitter, event) {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        emitter.off(event, done)
        this.waiters.delete(done)
        resolve(undefined)
      }
      emitter.once(event, done)
      this.waiters.add(done)
    })
  }

  /** Stall: resolves only when the client aborts or the server closes. */
  untilClosed() {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => this.waiters.add(() => resolve(undefined)))
  }
}

/**
 * Seeded PRNG (mulberry32) so split_writes cuts the same places every run.
 * @param {number} seed
 */
function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Cut bytes into random 1..max pieces. The first multi-byte UTF-8 character
 * is always cut after its lead byte, so decoders must buffer partial
 * characters (REFERENCE.md: "a chunk boundary can fall anywhere").
 * @param {Buffer} buf
 * @param {() => number} rand
 * @param {number} max
 * @returns {Buffer[]}
 */
export function splitBytes(buf, rand, max) {
  const lead = buf.findIndex((b) => b >= 0xc0)
  const pieces = []
  let start = 0
  while (start < buf.length) {
    let end = Math.min(buf.length, start + 1 + Math.floor(rand() * max))
    if (lead >= start && lead + 1 < end) end = lead + 1
    pieces.push(buf.subarray(start, end))
    start = end
  }
  return pieces
}

/**
 * A write function honouring back-pressure and, when asked, split writes.
 * @param {ServerResponse} res
 * @param {Life} life
 * @param {Quirks} q
 * @returns {(chunk: string) => Promise<void>}
 */
export function makeWriter(res, life, q) {
  const put = async (/** @type {string|Buffer} */ chunk) => {
    if (life.closed) return
    if (!res.write(chunk)) await life.wait(res, 'drain')
  }
  if (!q.splitWrites) return put
  const rand = mulberry32(q.splitSeed)
  return async (chunk) => {
    for (const piece of splitBytes(Buffer.from(chunk), rand, q.splitMax)) {
      if (q.splitDelay) await life.sleep(q.splitDelay)
      await put(piece)
    }
  }
}

/**
 * Body index where a fault after `after` content chunks fires.
 * @param {number[]} contentIdx
 * @param {number} after
 * @param {number} length
 */
function faultIndex(contentIdx, after, length) {
  if (after === 0) return 0
  if (after > contentIdx.length) return length
  return contentIdx[after - 1] + 1
}

/**
 * Cut the socket after what was written reaches the kernel: the client sees
 * the body end without the chunked terminator, as when a proxy drops it.
 * @param {ServerResponse} res
 */
export function disconnect(res) {
  const sock = res.socket
  if (!sock) return
  sock.end()
  sock.once('finish', () => sock.destroy())
}

/**
 * Stream a rendered response according to the plan's timing and faults.
 * @param {ServerResponse} res
 * @param {Rendered} r
 * @param {Plan} plan
 * @param {Record<string, string|number>} headers
 * @param {Clock} clock
 */
export async function streamResponse(res, r, plan, headers, clock) {
  const life = new Life(res)
  const t = plan.timing
  await life.sleep(t.headersDelay)
  if (life.closed) return
  res.writeHead(200, headers)
  clock.headers = now()
  const write = makeWriter(res, life, plan.quirks)
  // Bytes not yet written. With no delay in between, the preamble, the body
  // and the tail share writes: fewer syscalls for instant-server benchmarks.
  let pending = r.head
  if (t.firstTokenDelay > 0) {
    // The preamble (role chunk, message_start, ping) goes out with the headers.
    if (pending) await write(pending)
    else res.flushHeaders()
    pending = ''
    await life.sleep(t.firstTokenDelay)
  }

  const fault = plan.fault
  const end = fault ? faultIndex(r.contentIdx, fault.after, r.count) : r.count
  const per = t.chunksPerWrite || (t.chunkDelay > 0 ? 1 : 0)
  for (let i = 0; i < end && !life.closed; ) {
    if (i > 0) await life.sleep(t.chunkDelay)
    const limit = per ? Math.min(end, i + per) : end
    let group = r.at(i++)
    while (i < limit && (per || group.length < AUTO_WRITE_BYTES)) group += r.at(i++)
    clock.first ??= now()
    pending += group
    // Hold the last group back when the tail follows without a pause.
    if (i < end || fault || t.chunkDelay > 0) {
      await write(pending)
      pending = ''
    }
  }
  if (life.closed) return

  if (fault) {
    if (pending) await write(pending)
    if (fault.kind === 'stall') return life.untilClosed()
    if (fault.kind === 'disconnect') return disconnect(res)
    await write(r.error)
    res.end()
    return
  }
  if (end > 0) await life.sleep(t.chunkDelay)
  clock.first ??= now()
  clock.end = now()
  pending += r.tail(clock)
  if (plan.quirks.splitWrites) {
    await write(pending)
    res.end()
  } else {
    res.end(pending)
  }
}

/**
 * Send a whole JSON (or pre-serialised) body after the scripted delays,
 * still honouring stall/disconnect and split writes.
 * @param {ServerResponse} res
 * @param {number} status
 * @param {Record<string, string|number>} headers
 * @param {(clock: Clock) => unknown} makeBody Called when the body is due, so durations are real.
 * @param {{delayMs: number, quirks?: Quirks, fault?: Plan['fault'], clock: Clock}} opts
 */
export async function sendBody(res, status, headers, makeBody, opts) {
  const life = new Life(res)
  await life.sleep(opts.delayMs)
  if (life.closed) return
  if (opts.fault?.kind === 'stall') return life.untilClosed()
  if (opts.fault?.kind === 'disconnect') return res.socket?.destroy()
  opts.clock.headers = opts.clock.first = opts.clock.end = now()
  const body = makeBody(opts.clock)
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(text) })
  if (opts.quirks?.splitWrites) await makeWriter(res, life, opts.quirks)(text)
  else res.write(text)
  res.end()
}
