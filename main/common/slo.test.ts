import { describe, expect, test } from 'vitest'
import { arrivalsFromParts, callMeasures } from './measures'
import { evaluateSlo, goodput, hasSlo, parseSlo } from './slo'

const measures = (ttft: number, answer: number, end: number) =>
  callMeasures(
    arrivalsFromParts([
      { type: 'reasoning', text: 'abcd', at: ttft },
      { type: 'text', text: 'abcd', at: answer },
      { type: 'text', text: 'abcd', at: end },
    ]),
    null,
    null,
  )

describe('SLOs', () => {
  test('a run is within only when every limit set holds', () => {
    const m = measures(100, 400, 500)
    expect(evaluateSlo(m, { ttftMs: 200 })).toMatchObject({ within: true, failed: false })
    const v = evaluateSlo(m, { ttftMs: 200, ttfaMs: 300 })
    expect(v.within).toBe(false)
    expect(v.checks).toEqual([
      { metric: 'ttftMs', limitMs: 200, valueMs: 100, ok: true },
      { metric: 'ttfaMs', limitMs: 300, valueMs: 400, ok: false },
    ])
    // ITL p95 of 1-token arrivals 300 then 100 ms apart: 300.
    expect(evaluateSlo(m, { itlP95Ms: 299 }).within).toBe(false)
    expect(evaluateSlo(m, { itlP95Ms: 300 }).within).toBe(true)
    // No engine record: end-to-end cannot be shown within.
    expect(evaluateSlo(m, { e2eMs: 10_000 }).checks[0]).toMatchObject({ valueMs: null, ok: false })
  })

  test('a failed run is outside', () => {
    expect(evaluateSlo(null, { ttftMs: 1000 })).toMatchObject({ within: false, failed: true })
  })

  test('goodput is the share of runs within', () => {
    const slo = { ttftMs: 150 }
    const verdicts = [measures(100, 1, 2), measures(200, 1, 2), null, measures(120, 1, 2)].map((m) =>
      evaluateSlo(m, slo),
    )
    expect(goodput(verdicts)).toEqual({ within: 2, runs: 4, share: 0.5 })
    expect(goodput([])).toEqual({ within: 0, runs: 0, share: null })
  })

  test('limits are checked: positive ms, known names', () => {
    expect(parseSlo({ ttftMs: 500, e2eMs: null })).toEqual({ ok: true, slo: { ttftMs: 500 } })
    expect(parseSlo(undefined)).toEqual({ ok: true, slo: {} })
    expect(parseSlo({ ttft: 5 })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/slo.ttft is not a limit/),
    })
    expect(parseSlo({ ttftMs: -1 })).toMatchObject({ ok: false, problem: expect.stringMatching(/greater than 0/) })
    expect(parseSlo([1])).toMatchObject({ ok: false })
    expect([hasSlo({}), hasSlo({ e2eMs: 1 }), hasSlo(undefined)]).toEqual([false, true, false])
  })
})
