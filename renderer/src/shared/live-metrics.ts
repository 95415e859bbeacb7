import type { Timing } from '../../../main/common/timing'
import type { Lane } from './lane'
import { isActive } from './lane'
import { estimateTokens, type StreamBuffer } from './stream-buffer'

/**
 * A column's latency figures. Before `column-finished` they come from the parts'
 * `at` offsets with the engine's own definitions (TTFT = first token-bearing part;
 * decode = (tokens − 1) / (last − first); end-to-end = tokens / elapsed) and the
 * engine's token estimate; afterwards from the engine's `timing`, which wins.
 */
export interface ColumnMetrics {
  ttftMs: number | null
  decodeTps: number | null
  e2eTps: number | null
  totalMs: number | null
  tokens: number | null
  tokensSource: 'provider' | 'estimate' | null
  costUsd: number | null
  skewMs: number | null
  /** Every token arrived in one read: rates withheld. */
  buffered: boolean
  /** From the engine's final record (not a live estimate). */
  final: boolean
  /** Once final: what was shown live (the chars/4 estimate), to show how the provider's count differs. */
  liveEstimate?: { tokens: number; decodeTps: number | null } | null
  /** Time to first answer token (content or tool call); null before one came. */
  ttfaMs?: number | null
  /** Reasoning before the answer (TTFA − TTFT); set only when the column reasoned. */
  thinkingMs?: number | null
}

/** TTFA and the thinking span from where the buffer's answer began (main/common/measures.ts's definitions). */
export function answerTimes(
  buf: StreamBuffer | undefined,
  ttftMs: number | null,
): { ttfaMs: number | null; thinkingMs: number | null } {
  const i = buf?.firstAnswerIndex ?? null
  const ttfaMs = i === null ? null : (buf!.arrivals[i] ?? null)
  const reasoned = (buf?.reasoning.length ?? 0) > 0
  const thinkingMs = !reasoned ? null : ttfaMs === null || ttftMs === null ? null : Math.max(0, ttfaMs - ttftMs)
  return { ttfaMs, thinkingMs }
}

/** The engine's final figures for one call. */
export function finalMetrics(t: Timing, costUsd: number | null, skewMs: number | null): ColumnMetrics {
  return {
    ttftMs: t.first_token_ms,
    decodeTps: t.buffered ? null : t.decode_tokens_per_s,
    e2eTps: t.e2e_tokens_per_s,
    totalMs: t.end_ms,
    tokens: t.output_tokens,
    tokensSource: t.output_tokens_source,
    costUsd,
    skewMs,
    buffered: t.buffered,
    final: true,
  }
}

export function columnMetrics(lane: Lane, buf: StreamBuffer | undefined, nowMs: number): ColumnMetrics {
  if (lane.timing) {
    const final = finalMetrics(lane.timing, lane.costUsd, lane.startSkewMs)
    return { ...final, liveEstimate: lane.liveEstimate, ...answerTimes(buf, final.ttftMs) }
  }
  const arrivals = buf?.arrivals ?? []
  const first = arrivals[0]
  const last = arrivals.at(-1)
  const tokens = buf && buf.chars > 0 ? estimateTokens(buf.chars) : null
  const buffered = arrivals.length > 1 && first === last
  const active = isActive(lane.status)
  let totalMs: number | null = null
  if (active && lane.startedAt !== null) totalMs = Math.max(0, nowMs - lane.startedAt)
  else if (!active && last !== undefined) totalMs = last
  return {
    ttftMs: first ?? null,
    decodeTps: decodeRate(tokens, first, last, buffered),
    e2eTps: tokens !== null && last !== undefined && last > 0 ? tokens / (last / 1000) : null,
    totalMs,
    tokens,
    tokensSource: tokens === null ? null : 'estimate',
    costUsd: null,
    skewMs: lane.startSkewMs,
    buffered,
    final: false,
    ...answerTimes(buf, first ?? null),
  }
}

function decodeRate(
  tokens: number | null,
  first: number | undefined,
  last: number | undefined,
  buffered: boolean,
): number | null {
  if (buffered || tokens === null || tokens < 2 || first === undefined || last === undefined) return null
  if (last <= first) return null
  return (tokens - 1) / ((last - first) / 1000)
}

export type RankedMetric = 'ttftMs' | 'decodeTps' | 'e2eTps' | 'totalMs'

const LOWER_IS_BETTER: Record<RankedMetric, boolean> = {
  ttftMs: true,
  decodeTps: false,
  e2eTps: false,
  totalMs: true,
}

/**
 * The column that leads each metric, among at least two with a value. Total time
 * is ranked only once final (a running clock is not a result).
 */
export function fastestColumns(metrics: Record<string, ColumnMetrics>): Partial<Record<RankedMetric, string>> {
  const out: Partial<Record<RankedMetric, string>> = {}
  for (const key of Object.keys(LOWER_IS_BETTER) as RankedMetric[]) {
    const candidates = Object.entries(metrics).filter(
      ([, m]) => m[key] !== null && Number.isFinite(m[key]) && (key !== 'totalMs' || m.final),
    )
    if (candidates.length < 2) continue
    const sign = LOWER_IS_BETTER[key] ? 1 : -1
    candidates.sort(([, a], [, b]) => sign * ((a[key] as number) - (b[key] as number)))
    out[key] = candidates[0]![0]
  }
  return out
}

/**
 * Every column's metrics and the leaders among those that can win: a failed or
 * stopped call is not a result (a 1 ms failure is not "fastest").
 */
export function compareColumns(
  lanes: Record<string, Lane>,
  buffers: Record<string, StreamBuffer>,
  nowMs: number,
): { metrics: Record<string, ColumnMetrics>; fastest: Partial<Record<RankedMetric, string>> } {
  const metrics: Record<string, ColumnMetrics> = {}
  const ranked: Record<string, ColumnMetrics> = {}
  for (const [id, lane] of Object.entries(lanes)) {
    const m = columnMetrics(lane, buffers[id], nowMs)
    metrics[id] = m
    if (lane.status !== 'failed' && lane.status !== 'stopped') ranked[id] = m
  }
  return { metrics, fastest: fastestColumns(ranked) }
}

/** A column started, ended or got its final timing: show it now, not at the next tick. */
export function statusChanged(prev: Record<string, Lane>, next: Record<string, Lane>): boolean {
  if (prev === next) return false
  const ids = Object.keys(next)
  if (ids.length !== Object.keys(prev).length) return true
  return ids.some((id) => prev[id]?.status !== next[id]?.status || prev[id]?.timing !== next[id]?.timing)
}
