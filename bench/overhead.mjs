// Per-call overhead: sequential non-streaming calls against an instant server
// with a small fixed reply. Everything but the client is the same for every
// peer (loopback, keep-alive, the same server process), so the latency
// differences are the clients' own cost per call. Each reply is checked.

import { runPeerChild } from './lib/child.mjs'
import { measureAll } from './lib/runner.mjs'
import { mean, nowMs, percentile } from './lib/stats.mjs'

export const MODEL = 'gpt-4o-mini'
export const REPLY = 'The quick brown fox jumps over the lazy dog.'
export const SCRIPT = { text: REPLY }
const MESSAGES = [{ role: 'user', content: 'Say the pangram.' }]

/**
 * Calls per peer, split over `rounds` interleaved processes (lib/runner.mjs);
 * every process warms up first.
 * @param {boolean} quick
 */
export const counts = (quick) =>
  quick ? { warmup: 20, calls: 200, rounds: 1 } : { warmup: 200, calls: 2000, rounds: 4 }

/**
 * In the peer's own process: one round.
 * @param {import('./lib/peers.mjs').Client} client
 * @param {{ quick: boolean }} ctx
 */
export async function measurePeer(client, ctx) {
  const { warmup, calls: total, rounds } = counts(ctx.quick)
  const calls = Math.ceil(total / rounds)
  const us = new Array(calls)
  for (let i = 0; i < warmup + calls; i++) {
    const t0 = nowMs()
    const text = await client.complete(MODEL, MESSAGES)
    const dt = nowMs() - t0
    if (text !== REPLY) {
      throw new Error(`call ${i}: wrong reply ${JSON.stringify(text)}, expected ${JSON.stringify(REPLY)}`)
    }
    if (i >= warmup) us[i - warmup] = Math.round(dt * 10_000) / 10 // µs, 0.1 µs resolution
  }
  return { samples_us: us }
}

/** In the parent: pool the rounds' samples. @param {{ samples_us: number[] }[]} results */
function combine(results) {
  const us = results.flatMap((r) => r.samples_us)
  return { p50_us: percentile(us, 50), p99_us: percentile(us, 99), mean_us: mean(us), calls: us.length }
}

/** @param {import('./lib/runner.mjs').Ctx} ctx */
export function run(ctx) {
  const { warmup, calls, rounds } = counts(ctx.quick)
  ctx.log(
    `overhead: ${calls} sequential non-streaming calls per peer in ${rounds} interleaved rounds, ${warmup} warm-up each`,
  )
  return measureAll(
    ctx,
    'overhead',
    (p) => runPeerChild('overhead', p, ctx),
    { model: MODEL, reply: REPLY },
    { rounds, combine },
  )
}
