/**
 * The instrument against llama.cpp's real server (SmolLM2-135M on 127.0.0.1): the
 * per-call measures from a real stream (token counts from the server's usage, TTFT
 * split by llama.cpp's own `timings`), and load mode's sweep — bounded in count
 * (5 requests) and never checked against the clock.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Arrival, addArrivals, callMeasures } from '../../../main/common/measures'
import { ttftPhases } from '../../../main/common/phases'
import { shownParts } from '../../../main/common/stream-parts'
import { createEngine } from '../../../main/core/engine'
import { runLoad } from '../../../main/core/load/load-runner'
import type { ColumnTarget } from '../../../main/core/runs/resolve-call'
import { acquireServers, MODEL, type Servers } from '../servers/index.mjs'

let servers: Required<Servers>
let release: () => Promise<void> = async () => {}
const engine = createEngine()

beforeAll(async () => {
  ;({ servers, release } = await acquireServers(['llama']))
})
afterAll(async () => {
  await release()
})

const call = () => ({
  model: `hosted_vllm/${MODEL}`,
  api_base: `${servers.llama.url}/v1`,
  messages: [{ role: 'user' as const, content: 'Name three colors, one per line.' }],
  temperature: 0,
  max_tokens: 32,
})

describe('measures from llama.cpp', () => {
  test('a real stream: the server counts the tokens, and its timings split TTFT', async () => {
    const stream = await engine.stream({ ...call(), signal: new AbortController().signal })
    const arrivals: Arrival[] = []
    for await (const batch of stream) addArrivals(arrivals, shownParts(batch))
    const m = callMeasures(arrivals, stream.timing, stream.usage)
    expect(m.tokenSource).toBe('provider')
    expect(m.tokens).toBe(stream.usage!.completion_tokens)
    expect(m.tokensPerArrival.reduce((s, k) => s + k, 0)).toBe(m.tokens)
    expect(m.tokenItlMs).toHaveLength(m.tokens - 1)
    // No reasoning: the first token is the answer.
    expect(m.ttfaMs).toBe(arrivals[0]!.at)
    expect(m.thinkingMs).toBeNull()
    // llama.cpp reports its prompt processing: the phases show it as prefill, and still add up to TTFT.
    const prefill = stream.timing!.server?.llama_cpp?.prompt_ms
    expect(prefill).toBeGreaterThan(0)
    const phases = ttftPhases(stream.timing!)
    expect(phases.find((p) => p.key === 'prefill')!.side).toBe('server')
    expect(phases.reduce((s, p) => s + p.ms, 0)).toBeCloseTo(stream.timing!.first_token_ms!, 6)
  })

  test('load mode: a concurrency sweep of 1 and 2 after one warm-up request', async () => {
    const target: ColumnTarget = {
      call: call(),
      errorContext: { providerLabel: 'vLLM', endpoint: false, local: true },
      simulated: false,
      cost: () => 0,
    }
    let ended = 0
    const result = await runLoad(
      target,
      { kind: 'sweep', levels: [1, 2], requestsPerLevel: 2, warmup: 1, seed: 1 },
      { engine, onRequestEnd: () => ended++ },
    )
    expect(ended).toBe(5)
    for (const level of result.levels) {
      expect(level).toMatchObject({ requests: 2, failures: 0 })
      expect(level.ttftMs!.p50).toBeGreaterThan(0)
      expect(level.itlMs).not.toBeNull()
      expect(level.outputTokensPerS).toBeGreaterThan(0)
    }
  })
})
