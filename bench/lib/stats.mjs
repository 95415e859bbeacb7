// Order statistics for benchmark samples.

/** @param {number[]} xs */
export function sorted(xs) {
  return Float64Array.from(xs).sort()
}

/**
 * Nearest-rank percentile (p in 0..100): a value that was actually observed.
 * @param {number[]} xs
 * @param {number} p
 */
export function percentile(xs, p) {
  if (xs.length === 0) return Number.NaN
  const s = sorted(xs)
  const rank = Math.ceil((p / 100) * s.length)
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]
}

/** Median; the mean of the two middle values for an even count. @param {number[]} xs */
export function median(xs) {
  if (xs.length === 0) return Number.NaN
  const s = sorted(xs)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** @param {number[]} xs */
export function mean(xs) {
  return xs.reduce((a, b) => a + b, 0) / xs.length
}

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6
