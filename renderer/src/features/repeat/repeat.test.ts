import { describe, expect, it } from 'vitest'
import type { ColumnStats } from '../../../../main/common/api'
import { percentiles } from '../../../../main/common/stats'
import type { IterationResult } from '../../shared/lane'
import { timing } from '../../test/fake-api'
import { confidenceRows, ttftComparisons } from './confidence-rows'
import { statsFromResults } from './partial-stats'
import { clampCount, MAX_REPEAT } from './repeat-slice'
import { sampleDomain, smallestSample, statsRows } from './stats-rows'

const result = (iteration: number, ttft: number, warm: boolean, failed = false): IterationResult => ({
  columnId: 'a',
  model: 'simulated/fast',
  label: 'simulated/fast',
  iteration,
  warm,
  timing: failed ? null : timing({ first_token_ms: ttft, decode_tokens_per_s: 100 + iteration, end_ms: 1000 + ttft }),
  error: failed ? { name: 'RateLimitError', message: '429', status_code: 429, retryable: true, hint: null } : null,
})

describe('Run ×N stats', () => {
  it('takes nearest-rank percentiles', () => {
    const p = percentiles([5, 1, 4, 2, 3, 6, 7, 8, 9, 10])!
    expect([p.p50, p.p90, p.p99, p.min, p.max]).toEqual([5, 9, 10, 1, 10])
    expect(percentiles([])).toBeNull()
  })

  it('computes stats from the iterations seen, cold and warm apart', () => {
    const [s] = statsFromResults([
      result(0, 300, false),
      result(1, 100, true),
      result(2, 120, true),
      result(3, 0, true, true),
    ])
    expect(s).toMatchObject({ runs: 4, failures: 1, cold: { count: 1 }, warm: { count: 2 } })
    expect(s!.ttftMs?.p50).toBe(120)
    expect(s!.cold.ttftMs?.p50).toBe(300)
    expect(s!.warm.ttftMs?.p50).toBe(100)
  })

  it('renders table rows with units and sample counts', () => {
    const rows = statsRows(statsFromResults([result(0, 300, false), result(1, 100, true), result(2, 120, true)]))
    expect(rows[0]).toMatchObject({
      model: 'simulated/fast',
      runs: '3',
      // n = 3: p90 and p99 would only repeat the slowest run.
      ttft: ['120 ms', 'n too small', 'n too small'],
      decode: ['101', 'n too small', 'n too small'],
      cold: '300 ms (n=1)',
      warm: '100 ms (n=2)',
    })
    const failed = statsRows(statsFromResults([result(0, 1, false, true), result(1, 50, true)]))[0]!
    expect(failed.runs).toBe('1/2')
  })

  it('shows p90 from 10 samples and p99 from 100, and says why below that', () => {
    const runs = (n: number) => statsFromResults(Array.from({ length: n }, (_, i) => result(i, 100 + i, true)))
    expect(statsRows(runs(10))[0]!.ttft).toEqual(['104 ms', '108 ms', 'n too small'])
    expect(statsRows(runs(100))[0]!.ttft).toEqual(['149 ms', '189 ms', '198 ms'])
    expect([smallestSample(runs(5)), smallestSample(runs(100))]).toEqual([5, null])
  })

  it('pads a plot domain and clamps the repeat count', () => {
    expect(sampleDomain([[10, 10]])).toEqual([9, 11])
    expect(sampleDomain([])).toEqual([0, 1])
    expect([clampCount(0), clampCount(2.4), clampCount(1e9), clampCount(Number.NaN)]).toEqual([1, 2, MAX_REPEAT, 1])
  })
})

describe('confidence rows', () => {
  const stats = (id: string, ttfts: number[], extra: Partial<ColumnStats> = {}): ColumnStats => ({
    columnId: id,
    model: `openai/${id}`,
    runs: ttfts.length,
    failures: 0,
    ttftMs: percentiles(ttfts),
    decodeTokensPerS: null,
    totalMs: null,
    cold: { ttftMs: null, count: 0 },
    warm: { ttftMs: null, count: 0 },
    ...extra,
  })

  it('shows the mean with its interval, the CV grade, and a faster badge from the rank test', () => {
    const fast = stats('fast', [100, 102, 98, 101, 99, 100])
    const slow = stats('slow', [300, 310, 290, 305, 295, 300], { goodput: { within: 1, runs: 6, share: 1 / 6 } })
    const [a, b] = confidenceRows([fast, slow])
    expect(a!.ttftMean).toMatch(/^100 ms ± \d/)
    expect(a!.grade).toBe('excellent')
    expect(a!.fasterThan).toHaveLength(1)
    expect(a!.fasterThan[0]!.model).toBe('openai/slow')
    expect(a!.fasterThan[0]!.p).toBeLessThan(0.01)
    expect(b!.fasterThan).toEqual([])
    expect(b!.goodput).toBe('17% (1/6)')
    expect(b!.goodputOk).toBe(false)
  })

  it('gives no badge below four runs a side', () => {
    const rows = confidenceRows([stats('a', [1, 2, 3]), stats('b', [7, 8, 9])])
    expect(rows.every((r) => r.fasterThan.length === 0)).toBe(true)
    expect(ttftComparisons([stats('a', [1, 2, 3]), stats('b', [7, 8, 9])])[0]!.verdict.reason).toMatch(/n too small/)
  })
})
