import { describe, expect, test } from 'vitest'
import { arrivalsFromParts } from './measures'
import { type ColumnOutcome, columnStats } from './run-stats'
import type { Timing } from './timing'

function timing(firstToken: number, end: number, reused = false): Timing {
  return {
    start_unix_ms: 0,
    dns_ms: null,
    connect_ms: reused ? null : 1,
    tls_ms: null,
    request_sent_ms: 0.1,
    headers_ms: 0.5,
    first_event_ms: 0.5,
    first_token_ms: firstToken,
    end_ms: end,
    reused_connection: reused,
    http_version: '1.1',
    chunk_offsets_ms: [],
    output_tokens: 3,
    output_tokens_source: 'provider',
    decode_tokens_per_s: (2 / (end - firstToken)) * 1000,
    e2e_tokens_per_s: null,
    buffered: false,
    attempts: 1,
  }
}

const outcome = (iteration: number, ttft: number, answer: number, end: number, extra: Partial<ColumnOutcome> = {}) => ({
  columnId: 'a',
  iteration,
  ok: true,
  timing: timing(ttft, end, extra.timing?.reused_connection),
  arrivals: arrivalsFromParts([
    { type: 'reasoning', text: 'abcd', at: ttft },
    { type: 'text', text: 'abcd', at: answer },
    { type: 'text', text: 'abcd', at: end },
  ]),
  ...extra,
})

describe('columnStats', () => {
  test('counts failures, skips them in percentiles, splits new and reused connections', () => {
    const stats = columnStats(
      [{ columnId: 'a', model: 'openai/x' }],
      [
        { ...outcome(0, 300, 500, 900) },
        { ...outcome(1, 100, 300, 500), timing: timing(100, 500, true) },
        { ...outcome(2, 120, 320, 520), timing: timing(120, 520, true) },
        { columnId: 'a', iteration: 3, ok: false, timing: null },
      ],
    )[0]!
    expect(stats.runs).toBe(4)
    expect(stats.failures).toBe(1)
    expect(stats.ttftMs).toMatchObject({ p50: 120, p90: 300, min: 100, max: 300, mean: (300 + 100 + 120) / 3 })
    expect(stats.totalMs!.p50).toBe(520)
    expect(stats.cold).toMatchObject({ count: 1, ttftMs: { p50: 300 } })
    expect(stats.warm).toMatchObject({ count: 2, ttftMs: { p50: 100, p90: 120 } })
    expect(stats.ttfaMs).toMatchObject({ samples: [500, 300, 320] })
    expect(stats.thinkingMs).toMatchObject({ samples: [200, 200, 200], cv: 0 })
    expect(stats.ttstMs).toMatchObject({ samples: [200, 200, 200] })
    expect(stats.promptCache).toBeUndefined()
    expect(stats.goodput).toBeUndefined()
  })

  test('prompt-cache cold and warm runs apart, and goodput against the SLO', () => {
    const stats = columnStats(
      [{ columnId: 'a', model: 'openai/x' }],
      [
        outcome(0, 400, 500, 900, { promptCache: 'cold' }),
        outcome(1, 100, 200, 500, { promptCache: 'warm' }),
        outcome(2, 380, 480, 880, { promptCache: 'cold' }),
        { columnId: 'a', iteration: 3, ok: false, timing: null, promptCache: 'warm' },
      ],
      { ttfaMs: 490 },
    )[0]!
    expect(stats.promptCache).toMatchObject({
      cold: { count: 2, ttftMs: { samples: [400, 380] } },
      warm: { count: 1, ttftMs: { samples: [100] } },
    })
    // Within: runs 1 and 2; run 0 answered at 500 > 490; run 3 failed.
    expect(stats.goodput).toEqual({ within: 2, runs: 4, share: 0.5 })
  })

  test('runs recorded without arrivals keep the engine figures and no TTFA', () => {
    const stats = columnStats(
      [{ columnId: 'a', model: 'openai/x' }],
      [{ columnId: 'a', iteration: 0, ok: true, timing: timing(100, 200) }],
    )[0]!
    expect(stats.ttftMs!.p50).toBe(100)
    expect(stats.ttfaMs).toBeNull()
  })
})
