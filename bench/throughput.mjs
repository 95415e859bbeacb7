// Streaming throughput: chunks per second reaching a JavaScript consumer from
// one 10,000-chunk response sent as fast as the socket takes it. The consumer
// reads every chunk's text (counting chunks and summing lengths), and the
// totals are checked, so a peer that skips or merges work cannot post a number.

import { runPeerChild } from './lib/child.mjs'
import { measureAll } from './lib/runner.mjs'
import { median, nowMs } from './lib/stats.mjs'

export const MODEL = 'bench-stream-10k'
const CHUNKS = 10_000
const CHUNK_TEXT = 'tok'
export const SCRIPT = { chunk_count: CHUNKS, chunk_text: CHUNK_TEXT }
const MESSAGES = [{ role: 'user', content: 'Stream a long reply.' }]

/**
 * Measured repetitions per process after its warm-up, in `rounds`
 * interleaved processes (lib/runner.mjs).
 * @param {boolean} quick
 */
export const counts = (quick) => (quick ? { warmup: 1, reps: 3, rounds: 1 } : { warmup: 3, reps: 5, rounds: 3 })

/**
 * In the peer's own process: one round.
 * @param {import('./lib/peers.mjs').Client} client
 * @param {{ quick: boolean }} ctx
 */
export async function measurePeer(client, ctx) {
  const { warmup, reps } = counts(ctx.quick)
  const rates = []
  for (let i = 0; i < warmup + reps; i++) {
    let n = 0
    let chars = 0
    const t0 = nowMs()
    await client.stream(MODEL, MESSAGES, (t) => {
      n++
      chars += t.length
    })
    const ms = nowMs() - t0
    if (n !== CHUNKS || chars !== CHUNKS * CHUNK_TEXT.length) {
      throw new Error(`rep ${i}: got ${n} chunks / ${chars} chars, expected ${CHUNKS} / ${CHUNKS * CHUNK_TEXT.length}`)
    }
    if (i >= warmup) rates.push(Math.round((CHUNKS / ms) * 1000))
  }
  return { reps: rates }
}

/** In the parent: the median over every round's repetitions. @param {{ reps: number[] }[]} results */
function combine(results) {
  const reps = results.flatMap((r) => r.reps)
  return { chunks_per_s: median(reps), reps }
}

/** @param {import('./lib/runner.mjs').Ctx} ctx */
export function run(ctx) {
  const { warmup, reps, rounds } = counts(ctx.quick)
  ctx.log(
    `throughput: ${CHUNKS}-chunk stream, median of ${reps * rounds} (${rounds} interleaved rounds of ${reps} after ${warmup} warm-up)`,
  )
  return measureAll(
    ctx,
    'throughput',
    (p) => runPeerChild('throughput', p, ctx),
    { model: MODEL, chunks: CHUNKS, 'chunk-text': CHUNK_TEXT },
    { rounds, combine },
  )
}
