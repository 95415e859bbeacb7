import { describe, expect, test } from 'vitest'
import { exponential, seededRandom, standardNormal } from './random'
import {
  coefficientOfVariation,
  fasterOf,
  gradeCv,
  mannWhitneyU,
  meanCi95,
  nearestRank,
  normalCdf,
  percentileSupported,
  percentiles,
  tQuantile975,
} from './stats'

describe('nearest-rank percentiles', () => {
  test('pick measured values at rank ⌈p·n⌉', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(nearestRank(sorted, 50)).toBe(5)
    expect(nearestRank(sorted, 90)).toBe(9)
    expect(nearestRank(sorted, 99)).toBe(10)
    expect(nearestRank([42], 50)).toBe(42)
  })

  test('keep samples in run order, drop non-finite values, report mean, interval and CV', () => {
    const p = percentiles([30, 10, Number.NaN, 20])!
    expect(p).toMatchObject({ p50: 20, p90: 30, p99: 30, min: 10, max: 30, samples: [30, 10, 20], mean: 20 })
    // s = 10, t(0.975, 2) = 4.303: 20 ± 4.303·10/√3
    expect(p.ci95![0]).toBeCloseTo(20 - 24.843, 2)
    expect(p.cv).toBeCloseTo(0.5, 10)
    expect(percentiles([])).toBeNull()
    expect(percentiles([5])).toMatchObject({ mean: 5, ci95: null, cv: null })
  })

  test('p90 needs 10 samples and p99 100, p50 any', () => {
    const p = (n: number) => percentiles(Array.from({ length: n }, (_, i) => i))!
    expect([
      percentileSupported(p(1), 'p50'),
      percentileSupported(p(9), 'p90'),
      percentileSupported(p(10), 'p90'),
    ]).toEqual([true, false, true])
    expect([percentileSupported(p(99), 'p99'), percentileSupported(p(100), 'p99')]).toEqual([false, true])
  })
})

describe('confidence interval of the mean', () => {
  test("t quantiles match Student's table and approach the normal", () => {
    expect(tQuantile975(1)).toBe(12.706)
    expect(tQuantile975(30)).toBe(2.042)
    expect(tQuantile975(40)).toBeCloseTo(2.021, 3)
    expect(tQuantile975(120)).toBeCloseTo(1.98, 3)
    expect(tQuantile975(100_000)).toBeCloseTo(1.96, 3)
    expect(() => tQuantile975(0)).toThrow(/degrees of freedom/)
  })

  test('covers the true mean of a normal distribution about 95% of the time', () => {
    const random = seededRandom(7)
    const trials = 4000
    let covered = 0
    for (let t = 0; t < trials; t++) {
      const sample = Array.from({ length: 8 }, () => 500 + 40 * standardNormal(random))
      const ci = meanCi95(sample)!
      if (ci.low <= 500 && 500 <= ci.high) covered++
    }
    // Binomial(4000, 0.95) has sd ≈ 0.34%: 93.5–96.5% is more than four sd either side.
    expect(covered / trials).toBeGreaterThan(0.935)
    expect(covered / trials).toBeLessThan(0.965)
  })

  test('is null below two samples', () => {
    expect(meanCi95([3])).toBeNull()
  })
})

describe('coefficient of variation', () => {
  test('of a normal distribution is close to sd / mean', () => {
    const random = seededRandom(3)
    const sample = Array.from({ length: 20_000 }, () => 1000 + 100 * standardNormal(random))
    expect(coefficientOfVariation(sample)).toBeCloseTo(0.1, 2)
  })

  test('of an exponential distribution is close to 1 (AIPerf: unstable)', () => {
    const random = seededRandom(11)
    const sample = Array.from({ length: 20_000 }, () => exponential(random, 1 / 200))
    const cv = coefficientOfVariation(sample)!
    expect(cv).toBeGreaterThan(0.95)
    expect(cv).toBeLessThan(1.05)
    expect(gradeCv(cv)).toBe('unstable')
  })

  test('is graded as AIPerf grades it: < 5% excellent, > 20% unstable', () => {
    expect([gradeCv(0.049), gradeCv(0.05), gradeCv(0.1), gradeCv(0.2), gradeCv(0.21)]).toEqual([
      'excellent',
      'good',
      'fair',
      'fair',
      'unstable',
    ])
    expect(coefficientOfVariation([1])).toBeNull()
    expect(coefficientOfVariation([0, 0])).toBeNull()
  })
})

describe('Mann–Whitney U', () => {
  test('exact p-values match the tabulated distribution', () => {
    // Complete separation of 3 vs 3: U = 0, p = 2 / C(6,3) = 0.1.
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6])).toMatchObject({ u: 0, p: 0.1, probABelowB: 1, method: 'exact' })
    // 5 vs 5 separated: p = 2 / C(10,5) = 2/252.
    expect(mannWhitneyU([6, 7, 8, 9, 10], [1, 2, 3, 4, 5])!.p).toBeCloseTo(2 / 252, 12)
    // One swap: U = 1 of 25; P(U ≤ 1) = 2/252, two-sided 4/252.
    expect(mannWhitneyU([1, 2, 3, 4, 6], [5, 7, 8, 9, 10])).toMatchObject({ u: 1 })
    expect(mannWhitneyU([1, 2, 3, 4, 6], [5, 7, 8, 9, 10])!.p).toBeCloseTo(4 / 252, 12)
    expect(mannWhitneyU([], [1])).toBeNull()
  })

  test('uses the tie-corrected normal approximation with ties', () => {
    // By hand: rank sum of a = 1 + 3 + 3 + 5.5 + 7 = 19.5, U = 4.5; ties (3 twos, 2 threes) give
    // Σ(t³ − t) = 30, σ² = (25/12)(11 − 30/90) = 22.22; z = (|4.5 − 12.5| − 0.5)/4.714 = 1.591, p = 0.1116.
    const r = mannWhitneyU([1, 2, 2, 3, 4], [2, 3, 5, 6, 7])!
    expect(r.method).toBe('normal')
    expect(r.u).toBe(4.5)
    expect(r.p).toBeCloseTo(0.1116, 3)
  })

  test('rejects about 5% of the time when both samples come from one distribution', () => {
    const random = seededRandom(21)
    let rejected = 0
    const trials = 1000
    for (let t = 0; t < trials; t++) {
      const a = Array.from({ length: 10 }, () => exponential(random, 1))
      const b = Array.from({ length: 10 }, () => exponential(random, 1))
      if (mannWhitneyU(a, b)!.p < 0.05) rejected++
    }
    expect(rejected / trials).toBeLessThan(0.075)
    expect(rejected / trials).toBeGreaterThan(0.025)
  })

  test('finds a shift of one standard deviation with 20 runs a side almost always', () => {
    const random = seededRandom(5)
    let found = 0
    for (let t = 0; t < 200; t++) {
      const fast = Array.from({ length: 20 }, () => 300 + 30 * standardNormal(random))
      const slow = Array.from({ length: 20 }, () => 330 + 30 * standardNormal(random))
      if (fasterOf(fast, slow).faster === 'a') found++
    }
    expect(found / 200).toBeGreaterThan(0.8)
  })

  test('the badge names the faster side, or says why it cannot', () => {
    expect(fasterOf([5, 6, 7, 8, 9], [1, 2, 3, 4, 4.5])).toMatchObject({ faster: 'b' })
    expect(fasterOf([1, 2, 3], [7, 8, 9])).toMatchObject({ faster: null, reason: expect.stringMatching(/n too small/) })
    expect(fasterOf([1, 3, 5, 7], [2, 4, 6, 8])).toMatchObject({ faster: null })
    expect(fasterOf([1, 2, 3, 4], [5, 6, 7, 8]).method).toMatch(/Mann–Whitney U.*exact/)
  })

  test('normal CDF matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6)
  })
})
