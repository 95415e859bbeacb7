/**
 * What one call measured beyond the engine's record, derived from what arrived when
 * (`Arrival`s, built from the stream parts) plus the engine's `timing` and `usage`.
 * One definition for the live columns, Run ×N, the CLI's reports and history:
 *
 * - TTFT: first token of any kind (reasoning, answer or tool call); the engine's figure.
 * - TTFA: first answer token (content or a tool call), AIPerf's "time to first output
 *   token" (TTFO). The thinking span is TTFA − TTFT for a call that reasoned.
 * - TTST: the gap between the first and the second token-bearing arrival (AIPerf's
 *   "time to second token" is that gap between the first two responses).
 * - Chunk gaps: every gap between token-bearing arrivals, as the engine's
 *   `chunk_offsets_ms` give them.
 * - Token ITL: each arrival's gap split evenly over the tokens it carried (k tokens
 *   after a gap g are k latencies of g/k; the first arrival's extra tokens are 0 ms),
 *   as vLLM's fix for #27485 does with continuous usage. Providers report one total,
 *   not a count per chunk, so the total is apportioned over arrivals by characters:
 *   `tokenSource` says whether that total was the provider's or the engine's estimate.
 * - TPOT: (end − first token) / (tokens − 1), vLLM's definition.
 */

import { nearestRank } from './stats'
import type { StreamPart } from './stream-parts'
import type { Timing, Usage } from './timing'

/** Characters that arrived in one network read, by kind; `at` is ms from the call start. */
export interface Arrival {
  at: number
  text: number
  reasoning: number
  tool: number
}

/** Appends the token-bearing parts to `arrivals`, merging parts that arrived at the same instant. */
export function addArrivals(arrivals: Arrival[], parts: readonly StreamPart[]): void {
  for (const part of parts) {
    let kind: 'text' | 'reasoning' | 'tool'
    let chars: number
    if (part.type === 'text' || part.type === 'reasoning') {
      kind = part.type
      chars = part.text.length
    } else if (part.type === 'tool_call') {
      kind = 'tool'
      chars = part.arguments.length + (part.name?.length ?? 0)
    } else continue
    if (chars === 0) continue
    let last = arrivals[arrivals.length - 1]
    if (!last || last.at !== part.at) {
      last = { at: part.at, text: 0, reasoning: 0, tool: 0 }
      arrivals.push(last)
    }
    last[kind] += chars
  }
}

export function arrivalsFromParts(parts: readonly StreamPart[]): Arrival[] {
  const arrivals: Arrival[] = []
  addArrivals(arrivals, parts)
  return arrivals
}

export interface CallMeasures {
  ttftMs: number | null
  ttfaMs: number | null
  /** Reasoning before the answer: TTFA − TTFT; null when nothing was reasoned or no answer came. */
  thinkingMs: number | null
  ttstMs: number | null
  tpotMs: number | null
  e2eMs: number | null
  tokens: number
  /** Where the token total came from (it is apportioned over arrivals by characters either way). */
  tokenSource: 'provider' | 'estimate'
  /** Tokens each arrival carried, in arrival order. */
  tokensPerArrival: number[]
  /** Arrivals that carried more than one token. */
  multiTokenArrivals: number
  chunkGapsMs: number[]
  tokenItlMs: number[]
  /** Nearest-rank percentiles of the token ITL; null with fewer than two tokens. */
  itl: { p50: number; p95: number; p99: number; max: number } | null
}

export function callMeasures(arrivals: readonly Arrival[], timing: Timing | null, usage: Usage | null): CallMeasures {
  const first = arrivals[0]
  const answer = arrivals.find((a) => a.text > 0 || a.tool > 0)
  const ttftMs = timing?.first_token_ms ?? first?.at ?? null
  const ttfaMs = answer?.at ?? null
  const { tokens, source } = tokenTotal(arrivals, timing, usage)
  const perArrival = apportion(arrivals, tokens, usage, source)
  const chunkGapsMs: number[] = []
  for (let i = 1; i < arrivals.length; i++) chunkGapsMs.push(arrivals[i]!.at - arrivals[i - 1]!.at)
  const tokenItlMs = tokenItl(arrivals, perArrival)
  const sorted = [...tokenItlMs].sort((a, b) => a - b)
  const endMs = timing?.end_ms ?? arrivals[arrivals.length - 1]?.at ?? null
  return {
    ttftMs,
    ttfaMs,
    thinkingMs:
      ttfaMs === null || ttftMs === null || !arrivals.some((a) => a.reasoning > 0)
        ? null
        : Math.max(0, ttfaMs - ttftMs),
    ttstMs: arrivals.length > 1 ? arrivals[1]!.at - arrivals[0]!.at : null,
    tpotMs: tokens > 1 && ttftMs !== null && endMs !== null ? (endMs - ttftMs) / (tokens - 1) : null,
    e2eMs: timing?.end_ms ?? null,
    tokens,
    tokenSource: source,
    tokensPerArrival: perArrival,
    multiTokenArrivals: perArrival.filter((k) => k > 1).length,
    chunkGapsMs,
    tokenItlMs,
    itl:
      sorted.length === 0
        ? null
        : {
            p50: nearestRank(sorted, 50),
            p95: nearestRank(sorted, 95),
            p99: nearestRank(sorted, 99),
            max: sorted[sorted.length - 1]!,
          },
  }
}

function tokenTotal(
  arrivals: readonly Arrival[],
  timing: Timing | null,
  usage: Usage | null,
): { tokens: number; source: 'provider' | 'estimate' } {
  if (usage && usage.completion_tokens > 0 && timing?.output_tokens_source !== 'estimate') {
    return { tokens: usage.completion_tokens, source: 'provider' }
  }
  if (timing && timing.output_tokens > 0) return { tokens: timing.output_tokens, source: timing.output_tokens_source }
  // The engine's own estimate rule (ceil(characters / 4)) when it sent no record.
  const chars = arrivals.reduce((s, a) => s + a.text + a.reasoning + a.tool, 0)
  return { tokens: Math.ceil(chars / 4), source: 'estimate' }
}

/**
 * The token total spread over arrivals in proportion to their characters (largest
 * remainders, so the counts are whole and add up). When the provider says how many
 * were reasoning tokens, reasoning and answer characters are apportioned separately.
 */
function apportion(
  arrivals: readonly Arrival[],
  tokens: number,
  usage: Usage | null,
  source: 'provider' | 'estimate',
): number[] {
  const reasoningTokens = source === 'provider' ? (usage?.completion_tokens_details.reasoning_tokens ?? 0) : 0
  const reasoningChars = arrivals.reduce((s, a) => s + a.reasoning, 0)
  if (reasoningTokens > 0 && reasoningChars > 0 && reasoningTokens < tokens) {
    const r = largestRemainder(
      arrivals.map((a) => a.reasoning),
      reasoningTokens,
    )
    const o = largestRemainder(
      arrivals.map((a) => a.text + a.tool),
      tokens - reasoningTokens,
    )
    return r.map((k, i) => k + o[i]!)
  }
  return largestRemainder(
    arrivals.map((a) => a.text + a.reasoning + a.tool),
    tokens,
  )
}

function largestRemainder(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  if (sum === 0 || total <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (w / sum) * total)
  const out = exact.map(Math.floor)
  let left = total - out.reduce((s, k) => s + k, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    out[i]! += 1
    left--
  }
  return out
}

/** Per-token latencies: an arrival's gap (from the previous arrival that carried tokens) split over its tokens. */
function tokenItl(arrivals: readonly Arrival[], perArrival: readonly number[]): number[] {
  const out: number[] = []
  let prevAt: number | null = null
  for (let i = 0; i < arrivals.length; i++) {
    const k = perArrival[i]!
    if (k === 0) continue
    if (prevAt === null) {
      for (let j = 1; j < k; j++) out.push(0)
    } else {
      const share = (arrivals[i]!.at - prevAt) / k
      for (let j = 0; j < k; j++) out.push(share)
    }
    prevAt = arrivals[i]!.at
  }
  return out
}
