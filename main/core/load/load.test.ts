/**
 * Load mode: the guard (cloud refused unless confirmed, the cap, the estimate) and the
 * runner's shape with the scripted engine (concurrency held, warm-up left out), then the
 * real engine against the fake provider on 127.0.0.1 — bounded in count (each test
 * sends a known number of requests) and never checked against the clock.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
// @ts-expect-error: plain ESM without types (test/fake-provider/README.md documents it)
import { startFakeProvider } from '../../../test/fake-provider/server.mjs'
import { createEngine, type EngineCall, type EngineStream } from '../engine'
import type { ColumnTarget } from '../runs/resolve-call'
import { doublingLevels, guardLoad, type LoadPlan, LoadRefusedError, totalRequests } from './load-plan'
import { runLoad } from './load-runner'

const target = (
  local: boolean,
  price: number | null = 1e-5,
  extra: Partial<ColumnTarget['call']> = {},
): ColumnTarget => ({
  call: {
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'x'.repeat(400) }],
    max_tokens: 100,
    ...extra,
  },
  errorContext: { providerLabel: local ? 'Ollama' : 'OpenAI', endpoint: false, local },
  simulated: false,
  cost: (p, c) => (price === null ? null : (p + c) * price),
})

const plan = (p: Partial<LoadPlan> = {}): LoadPlan => ({
  kind: 'sweep',
  levels: [1, 2, 4],
  requestsPerLevel: 4,
  warmup: 1,
  seed: 1,
  ...p,
})

describe('the guard', () => {
  test('levels double up to N', () => {
    expect(doublingLevels(8)).toEqual([1, 2, 4, 8])
    expect(doublingLevels(6)).toEqual([1, 2, 4, 6])
    expect(doublingLevels(1)).toEqual([1])
  })

  test('a local server runs; the estimate counts every request', () => {
    expect(totalRequests(plan())).toBe(13)
    // (100 prompt + 100 output tokens) × 1e-5 × 13 requests
    expect(guardLoad(target(true), plan(), { confirmedCloud: false })).toEqual({
      requests: 13,
      costUsd: expect.closeTo(0.026, 9),
      local: true,
    })
  })

  test('a cloud provider is refused until confirmed, with the request count and cost', () => {
    expect(() => guardLoad(target(false), plan(), { confirmedCloud: false })).toThrow(LoadRefusedError)
    expect(() => guardLoad(target(false), plan(), { confirmedCloud: false })).toThrow(
      /OpenAI is a cloud provider\. 13 requests would cost about \$0\.03.*confirm/,
    )
    expect(() => guardLoad(target(false, null), plan(), { confirmedCloud: false })).toThrow(/an unknown cost/)
    expect(guardLoad(target(false), plan(), { confirmedCloud: true }).requests).toBe(13)
  })

  test('the request cap and bad plans are refused', () => {
    expect(() => guardLoad(target(true), plan({ requestsPerLevel: 400 }), { confirmedCloud: false })).toThrow(
      /1201 requests, above the cap of 1000/,
    )
    expect(() => guardLoad(target(true), plan(), { confirmedCloud: false, cap: 12 })).toThrow(/cap of 12/)
    expect(() => guardLoad(target(true), plan({ levels: [0] }), { confirmedCloud: false })).toThrow(/1 to 256/)
    expect(() => guardLoad(target(true), plan({ kind: 'poisson', levels: [-1] }), { confirmedCloud: false })).toThrow(
      /greater than 0/,
    )
    expect(() => guardLoad(target(true), plan({ levels: [] }), { confirmedCloud: false })).toThrow(/at least one level/)
  })
})

describe('the runner with the scripted engine', () => {
  test('a sweep holds each level’s concurrency and leaves the warm-up out', async () => {
    const engine = new FakeEngine()
    engine.defaultScript = { chunks: ['a', 'b', 'c'], ttftMs: 5, gapMs: 3 }
    let inFlight = 0
    const peaks: number[] = []
    const counting = {
      ...engine,
      providers: () => engine.providers(),
      paramRanges: () => engine.paramRanges(),
      priceTable: () => engine.priceTable(),
      listModels: engine.listModels.bind(engine),
      warm: engine.warm.bind(engine),
      async stream(call: EngineCall): Promise<EngineStream> {
        inFlight++
        peaks[peaks.length - 1] = Math.max(peaks.at(-1) ?? 0, inFlight)
        const s = await engine.stream(call)
        return {
          get timing() {
            return s.timing
          },
          get usage() {
            return s.usage
          },
          abort: () => s.abort(),
          async *[Symbol.asyncIterator]() {
            try {
              yield* s
            } finally {
              inFlight--
            }
          },
        }
      },
    }
    const levelsSeen: Array<number | 'warmup'> = []
    peaks.push(0)
    const result = await runLoad(target(true), plan({ levels: [1, 3], requestsPerLevel: 6, warmup: 2 }), {
      engine: counting,
      onRequestEnd: ({ level }) => {
        if (levelsSeen.at(-1) !== level) peaks.push(0)
        levelsSeen.push(level)
      },
    })
    expect(engine.calls).toHaveLength(2 + 6 + 6)
    expect(levelsSeen.filter((l) => l === 'warmup')).toHaveLength(2)
    expect(result.levels.map((l) => [l.level, l.requests, l.failures])).toEqual([
      [1, 6, 0],
      [3, 6, 0],
    ])
    expect(Math.max(...peaks)).toBe(3)
    const [one] = result.levels
    expect(one!.ttftMs!.p50).toBeGreaterThan(0)
    expect(one!.itlMs).not.toBeNull()
    expect(one!.outputTokensPerS).toBeGreaterThan(0)
  })

  test('failures are counted per level with the first error', async () => {
    const engine = new FakeEngine()
    engine.defaultScript = { error: { name: 'RateLimitError', message: '429 slow down', status_code: 429 } }
    const result = await runLoad(target(true), plan({ levels: [2], requestsPerLevel: 3, warmup: 0 }), { engine })
    expect(result.levels[0]).toMatchObject({
      requests: 3,
      failures: 3,
      ttftMs: null,
      firstError: 'RateLimitError: 429 slow down',
    })
  })
})

describe('the runner against the fake provider', () => {
  interface Fake {
    url: string
    requests: unknown[]
    setDefaultScript(s: Record<string, unknown> | null): void
    close(): Promise<void>
  }
  let fake: Fake
  beforeAll(async () => {
    fake = await startFakeProvider({ port: 0 })
    fake.setDefaultScript({ chunk_count: 8, chunk_text: 'tok ', chunk_delay_ms: 5, first_token_delay_ms: 10 })
  })
  afterAll(async () => fake.close())

  const local = () => target(true, 0, { api_base: `${fake.url}/v1`, api_key: 'sk-fake' })

  test('a concurrency sweep sends exactly warm-up + levels × requests and measures each level', async () => {
    const before = fake.requests.length
    const result = await runLoad(local(), plan({ levels: [1, 2], requestsPerLevel: 3, warmup: 1 }), {
      engine: createEngine(),
    })
    expect(fake.requests.length - before).toBe(7)
    for (const level of result.levels) {
      expect(level).toMatchObject({ requests: 3, failures: 0 })
      // The script waits 10 ms for the first token: a causal lower bound.
      expect(level.ttftMs!.p50).toBeGreaterThanOrEqual(9)
      expect(level.itlMs!.p95).toBeGreaterThan(0)
      expect(level.outputTokensPerS).toBeGreaterThan(0)
    }
  })

  test('Poisson arrivals at a rate send the planned requests', async () => {
    const before = fake.requests.length
    const result = await runLoad(local(), plan({ kind: 'poisson', levels: [50], requestsPerLevel: 4, warmup: 0 }), {
      engine: createEngine(),
    })
    expect(fake.requests.length - before).toBe(4)
    expect(result).toMatchObject({ kind: 'poisson', levels: [{ level: 50, requests: 4, failures: 0 }] })
  })
})
