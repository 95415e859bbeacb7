/** Stalls are gaps above this floor and well above the column's mean gap. */
export const STALL_FLOOR_MS = 250
export const STALL_FACTOR = 4

export interface GapStripData {
  /** Largest inter-token gap (ms) whose later token falls in each time bucket. */
  maxGap: number[]
  stallMs: number
  /** The largest gap seen. */
  worstMs: number
  stalls: number
  /** The time span the buckets cover (ms from the call start). */
  spanMs: number
}

/**
 * Inter-token gaps bucketed by arrival time for a strip `buckets` wide; O(arrivals).
 * The wait before the first token is TTFT, not a gap, and is left out.
 */
export function gapStrip(arrivals: number[], buckets: number, spanMs?: number): GapStripData {
  const first = arrivals[0] ?? 0
  const last = arrivals.at(-1) ?? 0
  const span = Math.max(spanMs ?? last, 1)
  const maxGap = new Array<number>(buckets).fill(0)
  const meanGap = arrivals.length > 1 ? (last - first) / (arrivals.length - 1) : 0
  const stallMs = Math.max(STALL_FLOOR_MS, STALL_FACTOR * meanGap)
  let worstMs = 0
  let stalls = 0
  for (let i = 1; i < arrivals.length; i++) {
    const gap = arrivals[i]! - arrivals[i - 1]!
    const b = Math.min(buckets - 1, Math.max(0, Math.floor((arrivals[i]! / span) * buckets)))
    if (gap > maxGap[b]!) maxGap[b] = gap
    if (gap > worstMs) worstMs = gap
    if (gap > stallMs) stalls++
  }
  return { maxGap, stallMs, worstMs, stalls, spanMs: span }
}
