#!/usr/bin/env node
// npm run bench:soak — a leak hunt, not a speed test: 10,000 streams aborted at
// random points (200 open at a time), then 10,000 completed calls, against the
// out-of-process fake provider. Prints RSS, JS heap, active handles and this
// process's open sockets before, after each phase, and after a settle + GC.
//
//   node --expose-gc bench/soak.mjs        SOAK_STREAMS=… SOAK_CALLS=… SOAK_CONCURRENCY=…

import { readdirSync, readlinkSync } from 'node:fs'
import { completion } from '@edgequake/llm'
import { startFakeServer } from './lib/fake-server.mjs'

const STREAMS = Number(process.env.SOAK_STREAMS ?? 10_000)
const CALLS = Number(process.env.SOAK_CALLS ?? 10_000)
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 200)
const MODEL = 'soak-model'

/** Open sockets of this process, from /proc (Linux); handles otherwise. */
function sockets() {
  try {
    return readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')
      } catch {
        return false
      }
    }).length
  } catch {
    return null
  }
}

function snapshot(label) {
  globalThis.gc?.()
  const m = process.memoryUsage()
  return {
    label,
    rss_mb: +(m.rss / 1e6).toFixed(1),
    heap_mb: +(m.heapUsed / 1e6).toFixed(1),
    handles: process.getActiveResourcesInfo().length,
    sockets: sockets(),
  }
}

/** Runs `task(i)` for i < n, `limit` at a time. */
async function pool(n, limit, task) {
  let next = 0
  const worker = async () => {
    while (next < n) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker))
}

const server = await startFakeServer({
  // 40 chunks, 2 ms apart: a stream lives ~80 ms, long enough to be cut anywhere.
  [MODEL]: { chunk_count: 40, chunk_text: 'tok ', chunk_delay_ms: 2 },
})
const params = {
  model: `openai/${MODEL}`,
  messages: [{ role: 'user', content: 'soak' }],
  api_key: 'sk-soak',
  api_base: server.base,
}
const rows = [snapshot('start')]
const errors = {}
const count = (err) => {
  errors[err?.name ?? 'Error'] = (errors[err?.name ?? 'Error'] ?? 0) + 1
}

let aborted = 0
await pool(STREAMS, CONCURRENCY, async () => {
  const controller = new AbortController()
  const cutAfter = Math.floor(Math.random() * 45) // 0 … past the end
  try {
    const stream = await completion({ ...params, stream: true, signal: controller.signal })
    let n = 0
    for await (const _ of stream) {
      if (n++ === cutAfter) {
        if (Math.random() < 0.5) controller.abort()
        else break
        aborted++
      }
    }
  } catch (err) {
    if (err?.name !== 'AbortError') count(err)
  }
})
rows.push(snapshot(`after ${STREAMS} streams (${aborted} cut)`))

await pool(CALLS, CONCURRENCY, async () => {
  try {
    await completion(params)
  } catch (err) {
    count(err)
  }
})
rows.push(snapshot(`after ${CALLS} calls`))
await new Promise((r) => setTimeout(r, 2000))
rows.push(snapshot('settled 2 s'))
await server.close()

console.table(rows)
console.log(`unexpected errors: ${JSON.stringify(errors)}`)
const growth = rows.at(-1).rss_mb - rows[0].rss_mb
console.log(
  `RSS growth ${growth.toFixed(1)} MB; sockets ${rows[0].sockets} → ${rows.at(-1).sockets}; handles ${rows[0].handles} → ${rows.at(-1).handles}`,
)
process.exit(Object.keys(errors).length === 0 ? 0 : 1)
