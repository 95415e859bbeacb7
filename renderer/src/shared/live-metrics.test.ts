import { describe, expect, it } from 'vitest'
import { timing } from '../test/fake-api'
import { type Lane, queuedLane } from './lane'
import { columnMetrics, compareColumns, fastestColumns } from './live-metrics'
import { appendParts, createStreamBuffer } from './stream-buffer'

function streaming(startedAt = 0): Lane {
  return { ...queuedLane('a', 'simulated/fast'), status: 'streaming', startedAt, startSkewMs: 1.5 }
}

function bufferOf(parts: [string, number][]) {
  const buf = createStreamBuffer()
  appendParts(
    buf,
    parts.map(([text, at]) => ({ type: 'text' as const, text, at })),
  )
  return buf
}

describe('live metrics from parts', () => {
  it('takes TTFT from the first token-bearing part and rates from the at offsets', () => {
    // 40 chars → 10 estimated tokens; first at 250 ms, last at 700 ms.
    const buf = bufferOf([
      ['', 100],
      ['abcdefgh', 250],
      ['abcdefghabcdefgh', 400],
      ['abcdefghabcdefgh', 700],
    ])
    const m = columnMetrics(streaming(0), buf, 900)
    expect(m.ttftMs).toBe(250)
    expect(m.tokens).toBe(10)
    expect(m.tokensSource).toBe('estimate')
    expect(m.decodeTps).toBeCloseTo(9 / 0.45)
    expect(m.e2eTps).toBeCloseTo(10 / 0.7)
    expect(m.totalMs).toBe(900)
    expect(m.skewMs).toBe(1.5)
    expect(m.final).toBe(false)
  })

  it('counts reasoning as output, as the engine does', () => {
    const buf = createStreamBuffer()
    appendParts(buf, [{ type: 'reasoning', text: 'think', at: 120 }])
    expect(columnMetrics(streaming(), buf, 200).ttftMs).toBe(120)
  })

  it('withholds the decode rate when everything arrived in one read (buffered)', () => {
    const buf = bufferOf([
      ['abcd'.repeat(20), 500],
      ['abcd'.repeat(20), 500],
    ])
    const m = columnMetrics(streaming(), buf, 600)
    expect(m.buffered).toBe(true)
    expect(m.decodeTps).toBeNull()
  })

  it('has no rates before the first token', () => {
    const m = columnMetrics({ ...streaming(0), status: 'waiting' }, createStreamBuffer(), 300)
    expect(m).toMatchObject({ ttftMs: null, decodeTps: null, e2eTps: null, tokens: null, totalMs: 300 })
  })

  it('switches to the engine’s timing once the column finished', () => {
    const lane: Lane = { ...streaming(), status: 'done', timing: timing(), costUsd: 0.002 }
    const m = columnMetrics(lane, bufferOf([['x', 1]]), 5000)
    expect(m).toMatchObject({
      ttftMs: 200,
      decodeTps: 100,
      e2eTps: 84.2,
      totalMs: 1200,
      tokens: 101,
      tokensSource: 'provider',
      costUsd: 0.002,
      final: true,
    })
  })

  it('reports buffered from the engine flag, with no decode rate', () => {
    const lane: Lane = { ...streaming(), status: 'done', timing: timing({ buffered: true, decode_tokens_per_s: 9e6 }) }
    const m = columnMetrics(lane, undefined, 0)
    expect(m.buffered).toBe(true)
    expect(m.decodeTps).toBeNull()
  })
})

describe('fastestColumns', () => {
  const base = columnMetrics(streaming(), undefined, 0)
  it('marks the lowest TTFT and total, the highest rates, among two or more', () => {
    const best = fastestColumns({
      a: { ...base, ttftMs: 300, decodeTps: 80, e2eTps: 50, totalMs: 900, final: true },
      b: { ...base, ttftMs: 200, decodeTps: 60, e2eTps: 55, totalMs: 1000, final: true },
    })
    expect(best).toEqual({ ttftMs: 'b', decodeTps: 'a', e2eTps: 'b', totalMs: 'a' })
  })

  it('ranks nothing alone, and no running clock', () => {
    expect(fastestColumns({ a: { ...base, ttftMs: 1 } })).toEqual({})
    const best = fastestColumns({
      a: { ...base, totalMs: 10, final: false },
      b: { ...base, totalMs: 20, final: false },
    })
    expect(best.totalMs).toBeUndefined()
  })
})

describe('compareColumns', () => {
  it('never marks a failed or stopped column as fastest', () => {
    const done: Lane = { ...streaming(), columnId: 'a', status: 'done', timing: timing({ end_ms: 900 }) }
    const also: Lane = { ...streaming(), columnId: 'b', status: 'done', timing: timing({ end_ms: 1000 }) }
    const failed: Lane = {
      ...streaming(),
      columnId: 'c',
      status: 'failed',
      timing: timing({ end_ms: 1, first_token_ms: null }),
    }
    const { metrics, fastest } = compareColumns({ a: done, b: also, c: failed }, {}, 0)
    expect(metrics.c?.totalMs).toBe(1)
    expect(fastest.totalMs).toBe('a')
  })
})
