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
  /** Largest per-token latency (an arrival's gap over its tokens) ending in each bucket; empty without token counts. */
  maxTokenGap: number[]
  /** Most tokens one arrival carried in each bucket (0: none ended there); empty without token counts. */
  maxTokens: number[]
  /** Arrivals that carried more than one token. */
  multiToken: number
}

/**
 * Inter-token gaps bucketed by arrival time for a strip `buckets` wide; O(arrivals).
 * The wait before the first token is TTFT, not a gap, and is left out. With
 * `tokensPerArrival` (main/common/measures.ts) each bucket also gets the token
 * latency (the gap spread over the arrival's tokens) and the most tokens one arrival
 * carried, so chunk gaps and token ITL show side by side.
 */
export function gapStrip(
  arrivals: number[],
  buckets: number,
  spanMs?: number,
  tokensPerArrival?: readonly number[],
): GapStripData {
  const first = arrivals[0] ?? 0
  const last = arrivals.at(-1) ?? 0
  const span = Math.max(spanMs ?? last, 1)
  const maxGap = new Array<number>(buckets).fill(0)
  const meanGap = arrivals.length > 1 ? (last - first) / (arrivals.length - 1) : 0
  const stallMs = Math.max(STALL_FLOOR_MS, STALL_FACTOR * meanGap)
  const tokens = tokensPerArrival && tokensPerArrival.length === arrivals.length ? tokensPerArrival : null
  const maxTokenGap = tokens ? new Array<number>(buckets).fill(0) : []
  const maxTokens = tokens ? new Array<number>(buckets).fill(0) : []
  let worstMs = 0
  let stalls = 0
  let multiToken = 0
  const bucketOf = (at: number) => Math.min(buckets - 1, Math.max(0, Math.floor((at / span) * buckets)))
  for (let i = 0; i < arrivals.length; i++) {
    const b = bucketOf(arrivals[i]!)
    const k = tokens?.[i] ?? 1
    if (tokens && k > maxTokens[b]!) maxTokens[b] = k
    if (k > 1) multiToken++
    if (i === 0) continue
    const gap = arrivals[i]! - arrivals[i - 1]!
    if (gap > maxGap[b]!) maxGap[b] = gap
    if (tokens && k > 0 && gap / k > maxTokenGap[b]!) maxTokenGap[b] = gap / k
    if (gap > worstMs) worstMs = gap
    if (gap > stallMs) stalls++
  }
  return { maxGap, stallMs, worstMs, stalls, spanMs: span, maxTokenGap, maxTokens, multiToken: tokens ? multiToken : 0 }
}
