// TTFT error: the server holds the first token back for exactly 200 ms after
// the headers (which go out at once). What each consumer observes as time to
// first token, minus those 200 ms, is the client's own added delay plus
// loopback and timer noise shared by every peer. For @edgequake/llm the
// engine's socket-level timing.first_token_ms is reported too: that is the
// figure the playground shows.

import { runPeerChild } from './lib/child.mjs'
import { measureAll } from './lib/runner.mjs'
import { median, nowMs } from './lib/stats.mjs'

export const MODEL = 'bench-ttft-200'
const DELAY_MS = 200
const REPLY = 'first token after a pause'
export const SCRIPT = { text: REPLY, first_token_delay_ms: DELAY_MS, headers_delay_ms: 0 }
const MESSAGES = [{ role: 'user', content: 'Answer after a pause.' }]

/** @param {boolean} quick */
export const counts = (quick) => (quick ? { warmup: 1, calls: 3 } : { warmup: 1, calls: 10 })

/**
 * @param {import('./lib/peers.mjs').Client} client
 * @param {{ quick: boolean }} ctx
 */
export async function measurePeer(client, ctx) {
  const { warmup, calls } = counts(ctx.quick)
  const consumer = []
  const socket = []
  const afterHeaders = []
  for (let i = 0; i < warmup + calls; i++) {
    let first = 0
    let text = ''
    const t0 = nowMs()
    const end = await client.stream(MODEL, MESSAGES, (t) => {
      if (!first) first = nowMs()
      text += t
    })
    if (text !== REPLY) throw new Error(`call ${i}: wrong text ${JSON.stringify(text)}`)
    if (i < warmup) continue
    consumer.push(first - t0 - DELAY_MS)
    const ft = end.timing?.first_token_ms
    if (ft != null) socket.push(ft - DELAY_MS)
    // From the headers (sent at once, with the role chunk) to the first token:
    // the server's timer overshoot plus delivery, without the request's trip.
    const h = end.timing?.headers_ms
    if (ft != null && h != null) afterHeaders.push(ft - h - DELAY_MS)
  }
  return {
    consumer_error_ms: median(consumer),
    socket_error_ms: socket.length ? median(socket) : null,
    socket_after_headers_error_ms: afterHeaders.length ? median(afterHeaders) : null,
    samples: consumer.map((x) => +x.toFixed(3)),
  }
}

/** @param {import('./lib/runner.mjs').Ctx} ctx */
export function run(ctx) {
  const { warmup, calls } = counts(ctx.quick)
  ctx.log(`ttft: first_token_delay_ms ${DELAY_MS}, median of ${calls} calls after ${warmup} warm-up`)
  return measureAll(ctx, 'ttft', (p) => runPeerChild('ttft', p, ctx), { model: MODEL, delay: DELAY_MS, reply: REPLY })
}
