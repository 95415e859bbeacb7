/**
 * TTFT against TTFA, the thinking span and token ITL as the real engine measures them,
 * against the fake provider's scripted reasoning and multi-token writes (127.0.0.1 only).
 * Timing checks are causal lower bounds from the script's own delays, never upper bounds.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
// @ts-expect-error: plain ESM without types (test/fake-provider/README.md documents it)
import { startFakeProvider } from '../../../test/fake-provider/server.mjs'
import { type Arrival, addArrivals, callMeasures } from '../../common/measures'
import { ttftPhases } from '../../common/phases'
import { shownParts } from '../../common/stream-parts'
import { createEngine } from '../engine'

interface Fake {
  url: string
  setModelScript(model: string, script: Record<string, unknown> | null): void
  close(): Promise<void>
}
let fake: Fake
const engine = createEngine()

beforeAll(async () => {
  fake = await startFakeProvider({ port: 0 })
})
afterAll(async () => {
  await fake.close()
})

async function measure(model: string, script: Record<string, unknown>) {
  fake.setModelScript(model, script)
  const stream = await engine.stream({
    model: `openai/${model}`,
    api_base: `${fake.url}/v1`,
    api_key: 'sk-fake',
    messages: [{ role: 'user', content: 'hello' }],
    signal: new AbortController().signal,
  })
  const arrivals: Arrival[] = []
  for await (const batch of stream) addArrivals(arrivals, shownParts(batch))
  return { arrivals, m: callMeasures(arrivals, stream.timing, stream.usage), timing: stream.timing! }
}

describe('measures from the real engine', () => {
  test('a reasoning model: TTFT at the first thought, TTFA at the first answer token', async () => {
    const { arrivals, m, timing } = await measure('reasoner', {
      reasoning: ['Let', ' me', ' think'],
      chunks: ['The', ' answer'],
      first_token_delay_ms: 20,
      chunk_delay_ms: 30,
      // As OpenAI counts them: completion tokens include the reasoning tokens.
      usage: { completion_tokens: 5, reasoning_tokens: 3 },
    })
    expect(arrivals.slice(0, 3).every((a) => a.reasoning > 0 && a.text === 0)).toBe(true)
    expect(m.ttftMs).toBe(timing.first_token_ms)
    expect(m.ttftMs).toBeCloseTo(arrivals[0]!.at, 2)
    expect(m.ttfaMs).toBe(arrivals.find((a) => a.text > 0)!.at)
    // Three reasoning chunks, each followed by a 30 ms delay, came before the answer.
    expect(m.thinkingMs!).toBeGreaterThanOrEqual(85)
    expect(m.ttstMs!).toBeGreaterThanOrEqual(25)
    // 3 reasoning tokens over the 3 reasoning chunks, 2 answer tokens over the 2 answer chunks.
    expect(m).toMatchObject({ tokens: 5, tokenSource: 'provider', tokensPerArrival: [1, 1, 1, 1, 1] })
  })

  test('several tokens in one write are one arrival, and their gap is split over them', async () => {
    const { arrivals, m } = await measure('batcher', {
      chunk_count: 12,
      chunk_text: 'tok ',
      chunks_per_write: 4,
      chunk_delay_ms: 40,
    })
    // Writes of 4 events, 40 ms apart: fewer arrivals than tokens, some carrying several.
    expect(arrivals.length).toBeLessThan(12)
    expect(m.multiTokenArrivals).toBeGreaterThan(0)
    expect(m.tokens).toBe(12)
    expect(m.tokenItlMs).toHaveLength(11)
    expect(m.chunkGapsMs).toHaveLength(arrivals.length - 1)
    // The token latencies cover the span from first to last token exactly.
    const span = arrivals.at(-1)!.at - arrivals[0]!.at
    expect(m.tokenItlMs.reduce((s, v) => s + v, 0)).toBeCloseTo(span, 6)
    // A chunk gap of ≥ 40 ms over 4 tokens: token ITL p95 is below the largest chunk gap.
    expect(m.itl!.max).toBeLessThan(Math.max(...m.chunkGapsMs))
  })

  test('a chunk carrying many tokens by the provider’s count is visible as such', async () => {
    const { m } = await measure('wide', {
      chunks: ['one two three four five six', ' seven', ' eight'],
      usage: { completion_tokens: 10 },
      chunk_delay_ms: 20,
    })
    expect(m.tokenSource).toBe('provider')
    expect(m.tokensPerArrival.reduce((s, k) => s + k, 0)).toBe(10)
    expect(m.tokensPerArrival[0]).toBeGreaterThan(5)
    expect(m.tokenItlMs.slice(0, m.tokensPerArrival[0]! - 1).every((v) => v === 0)).toBe(true)
  })

  test("llama.cpp's own timings split TTFT into prefill and network (timing.server)", async () => {
    const { timing } = await measure('llama', {
      chunks: ['Hi', ' there'],
      first_token_delay_ms: 30,
      timings: { prompt_n: 12, prompt_ms: 18.5, predicted_n: 2, predicted_ms: 4.2, cache_n: 0 },
    })
    expect(timing.server?.llama_cpp?.prompt_ms).toBe(18.5)
    const phases = ttftPhases(timing)
    const prefill = phases.find((p) => p.key === 'prefill')!
    expect(prefill).toMatchObject({ ms: 18.5, side: 'server' })
    // The rest of the wait the client saw is network and what the server did not report.
    expect(phases.reduce((s, p) => s + p.ms, 0)).toBeCloseTo(timing.first_token_ms!, 6)
    expect(phases.find((p) => p.key === 'network')!.ms).toBeGreaterThan(0)
  })
})
