// Memory: RSS growth while 1,000 streams are held open at once. Each peer
// runs in its own fresh process (memory-child.mjs, with --expose-gc); the
// server sends every stream one content chunk and then stalls, so all of them
// are open together when the second reading is taken.

import { fileURLToPath } from 'node:url'
import { runJsonChild } from './lib/child.mjs'
import { measureAll } from './lib/runner.mjs'
import { median } from './lib/stats.mjs'

export const MODEL = 'bench-stall'
export const FIRST = 'first'
export const SCRIPT = { text: `${FIRST} token then silence`, stall_after: 1 }

/** @param {boolean} quick */
export const streamCount = (quick) => (quick ? 100 : 1000)
/** Fresh processes per JS peer; RSS moves by several MB from run to run. */
const runsPerPeer = (/** @type {boolean} */ quick) => (quick ? 1 : 3)

const CHILD = fileURLToPath(new URL('./memory-child.mjs', import.meta.url))

/** @param {import('./lib/runner.mjs').Ctx} ctx */
export function run(ctx) {
  const n = streamCount(ctx.quick)
  const runs = runsPerPeer(ctx.quick)
  ctx.log(`memory: ${n} concurrent stalled streams, median of ${runs} fresh process(es) per peer`)
  return measureAll(
    ctx,
    'memory',
    async (p) => {
      const samples = []
      for (let i = 0; i < runs; i++) {
        samples.push(await runJsonChild(process.execPath, ['--expose-gc', CHILD, p, ctx.base, String(n)]))
      }
      return {
        streams: n,
        rss_mb: median(samples.map((s) => s.rss_mb)),
        heap_mb: median(samples.map((s) => s.heap_mb)),
        rss_runs_mb: samples.map((s) => +s.rss_mb.toFixed(1)),
      }
    },
    { model: MODEL, streams: n, first: FIRST },
  )
}
