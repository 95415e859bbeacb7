import { describe, expect, test } from 'vitest'
import { fakeTiming } from '../testing/fake-engine'
import { columnStats, nearestRank, percentiles } from './stats'

describe('nearest-rank percentiles', () => {
  test('pick measured values at rank ⌈p·n⌉', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(nearestRank(sorted, 50)).toBe(5)
    expect(nearestRank(sorted, 90)).toBe(9)
    expect(nearestRank(sorted, 99)).toBe(10)
    expect(nearestRank([42], 50)).toBe(42)
  })

  test('keep samples in run order and report min/max', () => {
    expect(percentiles([30, 10, 20])).toEqual({ p50: 20, p90: 30, p99: 30, min: 10, max: 30, samples: [30, 10, 20] })
    expect(percentiles([])).toBeNull()
  })
})

describe('columnStats', () => {
  test('counts failures, skips them in percentiles, splits cold and warm', () => {
    const stats = columnStats(
      [{ columnId: 'a', model: 'openai/x' }],
      [
        { columnId: 'a', iteration: 0, ok: true, timing: fakeTiming({ firstToken: 300, end: 900, tokens: 10 }) },
        {
          columnId: 'a',
          iteration: 1,
          ok: true,
          timing: fakeTiming({ firstToken: 100, end: 500, tokens: 10, reused: true }),
        },
        {
          columnId: 'a',
          iteration: 2,
          ok: true,
          timing: fakeTiming({ firstToken: 120, end: 520, tokens: 10, reused: true }),
        },
        { columnId: 'a', iteration: 3, ok: false, timing: null },
      ],
    )[0]!
    expect(stats.runs).toBe(4)
    expect(stats.failures).toBe(1)
    expect(stats.ttftMs).toMatchObject({ p50: 120, p90: 300, min: 100, max: 300 })
    expect(stats.totalMs!.p50).toBe(520)
    expect(stats.cold).toMatchObject({ count: 1, ttftMs: { p50: 300 } })
    expect(stats.warm).toMatchObject({ count: 2, ttftMs: { p50: 100, p90: 120 } })
    expect(stats.decodeTokensPerS!.samples).toHaveLength(3)
  })
})
