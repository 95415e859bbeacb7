import { describe, expect, it } from 'vitest'
import { fmtCost, fmtInt, fmtMs, fmtRate } from './format'
import { queuedLane } from './lane'
import { statusChanged } from './live-metrics'

describe('formatting', () => {
  it('formats durations, rates, counts and costs', () => {
    expect([fmtMs(null), fmtMs(4.26), fmtMs(251.4), fmtMs(2734), fmtMs(125_000)]).toEqual([
      '—',
      '4.3 ms',
      '251 ms',
      '2.73 s',
      '2m 5s',
    ])
    expect([fmtRate(59.94), fmtRate(212.4), fmtRate(Number.NaN)]).toEqual(['59.9', '212', '—'])
    expect([fmtInt(1234567), fmtInt(12), fmtInt(undefined)]).toEqual(['1,234,567', '12', '—'])
    expect([fmtCost(0), fmtCost(0.00042), fmtCost(0.0123), fmtCost(null)]).toEqual(['$0', '$0.00042', '$0.0123', '—'])
  })

  it('formats money for people: no exponent, two significant digits below a cent', () => {
    expect([fmtCost(2.6e-5), fmtCost(0.000026349), fmtCost(0.0099), fmtCost(3e-7), fmtCost(1.2749)]).toEqual([
      '$0.000026',
      '$0.000026',
      '$0.0099',
      '< $0.000001',
      '$1.27',
    ])
    for (let e = -6; e <= 2; e += 0.25) expect(fmtCost(10 ** e)).not.toMatch(/e/i)
  })
})

describe('statusChanged', () => {
  it('is urgent when a column changes status, not when it only streams more', () => {
    const a = { ...queuedLane('a', 'm'), status: 'streaming' as const }
    expect(statusChanged({ a }, { a: { ...a, version: 9 } })).toBe(false)
    expect(statusChanged({ a }, { a: { ...a, status: 'done' } })).toBe(true)
    expect(statusChanged({ a }, {})).toBe(true)
  })
})
