// node --expose-gc bench/memory-child.mjs <peer> <base> [streams]
// Opens <streams> streams that stall after their first chunk, waits until
// every one has received it, and prints RSS and heapUsed growth (MB) between
// a reading before the streams (after one warm-up stream) and one with all of
// them open, each after a full GC. Then aborts them all.

import { peer } from './lib/peers.mjs'
import { FIRST, MODEL } from './memory.mjs'

const MB = 1024 * 1024
const MESSAGES = [{ role: 'user', content: 'Start and then wait.' }]

const gc = /** @type {() => void} */ (globalThis.gc)
if (typeof gc !== 'function') throw new Error('run with node --expose-gc')

/** GC until the heap settles, so both readings start from the same floor. */
async function settle() {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((r) => setTimeout(r, 20))
  }
  const m = process.memoryUsage()
  return { rss: m.rss, heap: m.heapUsed }
}

/**
 * Open one stream; resolves `opened` at its first chunk.
 * @param {import('./lib/peers.mjs').Client} client
 * @param {AbortSignal} signal
 */
function open(client, signal) {
  let onFirst
  const opened = new Promise((resolve, reject) => {
    onFirst = resolve
    setTimeout(() => reject(new Error('no first chunk within 60 s')), 60_000).unref()
  })
  let seen = false
  const done = client
    .stream(
      MODEL,
      MESSAGES,
      (t) => {
        if (seen) return
        seen = true
        if (t !== FIRST) throw new Error(`first chunk ${JSON.stringify(t)}, expected ${JSON.stringify(FIRST)}`)
        onFirst(undefined)
      },
      signal,
    )
    .then(
      () => {
        if (!signal.aborted) throw new Error('stream ended before it was aborted (the server should stall)')
      },
      (err) => {
        if (!signal.aborted) throw err
      },
    )
  return { opened, done }
}

async function main() {
  const [name, base, count = '1000'] = process.argv.slice(2)
  const n = Number(count)
  const client = await peer(name).open(base)

  // Warm-up: one stream through the same path, so code loaded lazily on the
  // first call is not counted as per-stream memory.
  const warm = new AbortController()
  const w = open(client, warm.signal)
  await w.opened
  warm.abort()
  await w.done

  const before = await settle()
  const ctrls = Array.from({ length: n }, () => new AbortController())
  const streams = ctrls.map((c) => open(client, c.signal))
  // A stream failing before its first chunk rejects here at once.
  await Promise.all(streams.map((s) => Promise.race([s.opened, s.done.then(() => s.opened)])))
  const after = await settle()

  for (const c of ctrls) c.abort()
  await Promise.all(streams.map((s) => s.done))
  return {
    streams: n,
    rss_mb: (after.rss - before.rss) / MB,
    heap_mb: (after.heap - before.heap) / MB,
    rss_before_mb: before.rss / MB,
  }
}

try {
  process.stdout.write(`${JSON.stringify(await main())}\n`)
  process.exit(0)
} catch (err) {
  console.error('memory-child:', err)
  process.exit(1)
}
