import { describe, expect, it } from 'vitest'
import { ttftPhases as networkPhases } from '../../../../main/common/phases'
import { appendParts, createStreamBuffer } from '../../shared/stream-buffer'
import { timing } from '../../test/fake-api'
import { gapStrip, STALL_FLOOR_MS } from './gap-strip'
import { raceInputFromBuffer, raceInputFromTiming, resampleRace } from './race-series'

describe('race series', () => {
  it('resamples every column onto one time axis, ending each line at its last token', () => {
    const a = { arrivals: [100, 200, 300], cumulative: [1, 2, 3], scale: 1 }
    const b = { arrivals: [50, 600], cumulative: [4, 8], scale: 0.5 }
    const [xs, ya, yb] = resampleRace([a, b], 7)
    expect(xs).toEqual([0, 100, 200, 300, 400, 500, 600])
    expect(ya).toEqual([0, 1, 2, 3, 3, null, null])
    expect(yb).toEqual([0, 2, 2, 2, 2, 2, 4])
  })

  it('estimates live tokens as characters / 4, then scales to the provider count', () => {
    const buf = createStreamBuffer()
    appendParts(buf, [
      { type: 'text', text: 'abcdefgh', at: 10 },
      { type: 'text', text: 'abcdefgh', at: 20 },
    ])
    expect(raceInputFromBuffer(buf, null).scale).toBe(0.25)
    expect(raceInputFromBuffer(buf, timing({ output_tokens: 8 })).scale).toBe(0.5)
    const fromTiming = raceInputFromTiming(timing({ chunk_offsets_ms: [5, 6, 7, 8], output_tokens: 8 }))
    expect(fromTiming.cumulative.map((c) => c * fromTiming.scale)).toEqual([2, 4, 6, 8])
  })

  it('has a single empty point before any token', () => {
    expect(resampleRace([{ arrivals: [], cumulative: [], scale: 1 }])).toEqual([[0], [null]])
  })
})

describe('gap strip', () => {
  it('buckets gaps by arrival time and counts stalls', () => {
    const arrivals = [100, 110, 120, 130, 900, 910]
    const g = gapStrip(arrivals, 10, 1000)
    expect(g.worstMs).toBe(770)
    expect(g.stalls).toBe(1)
    expect(g.stallMs).toBeGreaterThanOrEqual(STALL_FLOOR_MS)
    expect(g.maxGap[9]).toBe(770)
    expect(g.maxGap[1]).toBe(10)
    // TTFT (the wait before the first token) is not a gap.
    expect(g.maxGap[0]).toBe(0)
  })

  it('shows token latency beside the chunk gap, and arrivals that carried several tokens', () => {
    // The third arrival carried 4 tokens after a 40 ms gap: one 40 ms chunk gap, 10 ms per token.
    const g = gapStrip([100, 110, 150, 160], 10, 200, [1, 1, 4, 1])
    expect(g.maxGap[7]).toBe(40)
    expect(g.maxTokenGap[7]).toBe(10)
    expect(g.maxTokens[7]).toBe(4)
    expect(g.multiToken).toBe(1)
    expect(gapStrip([100, 110], 10, 200).maxTokenGap).toEqual([])
  })

  it('shows no stall for a steady stream', () => {
    const arrivals = Array.from({ length: 200 }, (_, i) => 200 + i * 5)
    expect(gapStrip(arrivals, 50).stalls).toBe(0)
  })
})

describe('network phases', () => {
  it('splits TTFT into DNS, connect, TLS, first byte and first token', () => {
    const phases = networkPhases(timing())
    expect(phases.map((p) => [p.key, p.ms])).toEqual([
      ['dns', 5],
      ['connect', 10],
      ['tls', 20],
      ['firstByte', 85],
      ['firstToken', 80],
    ])
    expect(phases.reduce((s, p) => s + p.ms, 0)).toBe(200)
  })

  it('has no setup phases on a reused connection', () => {
    const t = timing({ dns_ms: null, connect_ms: null, tls_ms: null, reused_connection: true })
    const phases = networkPhases(t)
    expect(phases.slice(0, 3).every((p) => p.ms === 0)).toBe(true)
    expect(phases.reduce((s, p) => s + p.ms, 0)).toBe(200)
  })
})
