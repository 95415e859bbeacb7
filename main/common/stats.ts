/**
 * The one home of the statistics the app reports (main, the CLI's reports and the
 * renderer all import this file): nearest-rank percentiles and when a sample is big
 * enough for them, the mean with its 95% confidence interval (Student's t), the
 * coefficient of variation graded as NVIDIA AIPerf grades it, and the Mann–Whitney U
 * rank test that decides whether one column is faster than another.
 *
 * Plain TypeScript: no node, no DOM (main/common's layer rule).
 */
import type { Percentiles } from './api'

/**
 * Fewest samples for a nearest-rank percentile to say more than the maximum does:
 * with n < 10 the p90 is the slowest sample, with n < 100 so is the p99.
 */
export const MIN_SAMPLES = { p90: 10, p99: 100 } as const

/** Shown instead of a percentile the sample is too small for. */
export const TOO_FEW = 'n too small'

/** The value at rank ⌈p·n⌉ of sorted samples: every reported value was actually measured. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('nearestRank of no samples')
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1]!
}

/**
 * Percentiles, mean, 95% interval and CV of the finite values, in run order in
 * `samples`; null for none.
 */
export function percentiles(values: readonly number[]): Percentiles | null {
  const samples = values.filter((v) => Number.isFinite(v))
  if (samples.length === 0) return null
  const sorted = [...samples].sort((a, b) => a - b)
  const ci = meanCi95(samples)
  const cv = coefficientOfVariation(samples)
  return {
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    samples,
    mean: mean(samples),
    ci95: ci ? [ci.low, ci.high] : null,
    cv,
  }
}

/** Whether `p` has enough samples for the percentile `which` (p50 always does). */
export function percentileSupported(p: Percentiles, which: 'p50' | 'p90' | 'p99'): boolean {
  return which === 'p50' || p.samples.length >= MIN_SAMPLES[which]
}

export function mean(values: readonly number[]): number {
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** The sample standard deviation (n − 1); null below two samples. */
export function sampleStdDev(values: readonly number[]): number | null {
  if (values.length < 2) return null
  const m = mean(values)
  let ss = 0
  for (const v of values) ss += (v - m) ** 2
  return Math.sqrt(ss / (values.length - 1))
}

/** Two-sided 97.5% quantiles of Student's t for 1–30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
]
const Z975 = 1.959964

/** t(0.975, df): the table to 30, then the Cornish–Fisher expansion (error < 0.001 there). */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`degrees of freedom must be a whole number ≥ 1, got ${df}`)
  if (df <= T975.length) return T975[df - 1]!
  const z = Z975
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
}

export interface MeanInterval {
  mean: number
  low: number
  high: number
  n: number
}

/** The mean with its 95% confidence interval, mean ± t(0.975, n−1)·s/√n; null below two samples. */
export function meanCi95(values: readonly number[]): MeanInterval | null {
  const sd = sampleStdDev(values)
  if (sd === null) return null
  const m = mean(values)
  const half = (tQuantile975(values.length - 1) * sd) / Math.sqrt(values.length)
  return { mean: m, low: m - half, high: m + half, n: values.length }
}

/** Standard deviation over mean; null below two samples or when the mean is not positive. */
export function coefficientOfVariation(values: readonly number[]): number | null {
  const sd = sampleStdDev(values)
  if (sd === null) return null
  const m = mean(values)
  return m > 0 ? sd / m : null
}

export type CvGrade = 'excellent' | 'good' | 'fair' | 'unstable'

/**
 * AIPerf's reading of run-to-run variation: below 5% excellent, above 20% unstable
 * (results not reproducible enough to compare); between, good (< 10%) or fair.
 */
export function gradeCv(cv: number): CvGrade {
  if (cv < 0.05) return 'excellent'
  if (cv < 0.1) return 'good'
  if (cv <= 0.2) return 'fair'
  return 'unstable'
}

/** Φ(x), the standard normal CDF (Abramowitz & Stegun 7.1.26 for erf; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2)
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-(x * x) / 2)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

export interface RankTest {
  /** U of the first sample: how many (a, b) pairs have a > b (ties count ½). */
  u: number
  /** Two-sided p-value. */
  p: number
  /** P(a random value of `a` is below one of `b`), ties counting ½: 0.5 means no difference. */
  probABelowB: number
  method: 'exact' | 'normal'
}

/** Largest sample size per side for which the exact null distribution is computed. */
const EXACT_MAX = 50

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum), two-sided: does `a` tend to be smaller or
 * larger than `b`? Exact for samples without ties up to 50 per side, else the normal
 * approximation with tie and continuity corrections (as SciPy's `mannwhitneyu`).
 * Null when a side is empty.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): RankTest | null {
  const m = a.length
  const n = b.length
  if (m === 0 || n === 0) return null
  const all = [...a.map((v) => ({ v, from: 0 })), ...b.map((v) => ({ v, from: 1 }))].sort((x, y) => x.v - y.v)
  // Mid-ranks for ties; the tie term Σ(t³ − t) feeds the variance correction.
  const ranks = new Array<number>(all.length)
  let tieTerm = 0
  for (let i = 0; i < all.length; ) {
    let j = i
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++
    const rank = (i + j + 2) / 2
    for (let k = i; k <= j; k++) ranks[k] = rank
    const t = j - i + 1
    tieTerm += t ** 3 - t
    i = j + 1
  }
  let rankSumA = 0
  for (let k = 0; k < all.length; k++) if (all[k]!.from === 0) rankSumA += ranks[k]!
  const u = rankSumA - (m * (m + 1)) / 2
  const probABelowB = 1 - u / (m * n)
  if (tieTerm === 0 && m <= EXACT_MAX && n <= EXACT_MAX) {
    const dist = exactUDistribution(m, n)
    const total = dist.reduce((s, c) => s + c, 0)
    let below = 0
    for (let k = 0; k <= u; k++) below += dist[k]!
    let above = 0
    for (let k = u; k < dist.length; k++) above += dist[k]!
    return { u, p: Math.min(1, (2 * Math.min(below, above)) / total), probABelowB, method: 'exact' }
  }
  const N = m + n
  const mu = (m * n) / 2
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)))
  if (variance <= 0) return { u, p: 1, probABelowB, method: 'normal' }
  const z = (Math.abs(u - mu) - 0.5) / Math.sqrt(variance)
  return { u, p: Math.min(1, 2 * (1 - normalCdf(Math.max(0, z)))), probABelowB, method: 'normal' }
}

/**
 * How many arrangements of m + n distinct values give each U (0 … m·n): the
 * recurrence c(m, n, u) = c(m−1, n, u−n) + c(m, n−1, u), row by row.
 * Counts grow past 2^53 for large samples; only their ratios are used, so the
 * float rounding that then sets in changes p by far less than it is reported to.
 */
function exactUDistribution(m: number, n: number): number[] {
  // prev[j] holds c(i−1, j, ·); cur[j] is built for c(i, j, ·).
  let prev: number[][] = Array.from({ length: n + 1 }, () => [1])
  for (let i = 1; i <= m; i++) {
    const cur: number[][] = [[1]]
    for (let j = 1; j <= n; j++) {
      const out = new Array<number>(i * j + 1).fill(0)
      const left = prev[j]! // c(i−1, j): shifted by j (the new largest value from `a` beats all j of `b`)
      for (let k = 0; k < left.length; k++) out[k + j]! += left[k]!
      const down = cur[j - 1]! // c(i, j−1): the new largest value is from `b`
      for (let k = 0; k < down.length; k++) out[k]! += down[k]!
      cur.push(out)
    }
    prev = cur
  }
  return prev[n]!
}

export interface Faster {
  /** Which side is faster (lower values), or null when the test cannot tell. */
  faster: 'a' | 'b' | null
  p: number | null
  /** Why no verdict: too few samples on a side to ever reach significance. */
  reason?: string
  method: string
}

/** Significance level of the "faster" badge. */
export const ALPHA = 0.05

/**
 * Whether the lower values of `a` or of `b` are significantly lower (two-sided Mann–Whitney U
 * at α = 0.05). With fewer than 4 runs a side it gives no verdict and says why: 3 against 3
 * cannot reach p < 0.05 at all (the smallest exact p is 0.1), and barely more can.
 */
export function fasterOf(a: readonly number[], b: readonly number[]): Faster {
  const method = 'Mann–Whitney U, two-sided, α = 0.05'
  if (a.length < 4 || b.length < 4) {
    return { faster: null, p: null, reason: 'n too small (at least 4 runs a side)', method }
  }
  const test = mannWhitneyU(a, b)!
  const label = `${method} (${test.method === 'exact' ? 'exact' : 'normal approximation'})`
  if (test.p >= ALPHA) return { faster: null, p: test.p, method: label }
  return { faster: test.probABelowB > 0.5 ? 'a' : 'b', p: test.p, method: label }
}
