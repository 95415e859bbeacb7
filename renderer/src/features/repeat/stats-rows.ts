import type { ColumnStats, Percentiles } from '../../../../main/common/api'
import { MIN_SAMPLES, TOO_FEW } from '../../../../main/common/stats'
import { fmtMs, fmtRate } from '../../shared/format'

/** From main/common/stats.ts: the rule and its wording are the CLI's and the reports' too. */
export { MIN_SAMPLES, TOO_FEW }

/** One formatted row of the Run ×N table. */
export interface StatsRow {
  columnId: string
  model: string
  runs: string
  ttft: [string, string, string]
  decode: [string, string, string]
  total: [string, string, string]
  cold: string
  warm: string
}

const triple = (p: Percentiles | null, fmt: (n: number) => string): [string, string, string] => {
  if (!p) return ['—', '—', '—']
  const n = p.samples.length
  return [fmt(p.p50), n >= MIN_SAMPLES.p90 ? fmt(p.p90) : TOO_FEW, n >= MIN_SAMPLES.p99 ? fmt(p.p99) : TOO_FEW]
}

/** The smallest sample behind any row's percentiles, when it is too small for p90 or p99. */
export function smallestSample(stats: ColumnStats[]): number | null {
  const sizes = stats.flatMap((s) => (s.ttftMs ? [s.ttftMs.samples.length] : []))
  if (sizes.length === 0) return null
  const n = Math.min(...sizes)
  return n < MIN_SAMPLES.p99 ? n : null
}

const withCount = (p: Percentiles | null, count: number) => (count === 0 ? '—' : `${fmtMs(p?.p50)} (n=${count})`)

export function statsRows(stats: ColumnStats[]): StatsRow[] {
  return stats.map((s) => ({
    columnId: s.columnId,
    model: s.label ?? s.model,
    runs: s.failures > 0 ? `${s.runs - s.failures}/${s.runs}` : String(s.runs),
    ttft: triple(s.ttftMs, fmtMs),
    decode: triple(s.decodeTokensPerS, fmtRate),
    total: triple(s.totalMs, fmtMs),
    cold: withCount(s.cold.ttftMs, s.cold.count),
    warm: withCount(s.warm.ttftMs, s.warm.count),
  }))
}

/** Shared [min, max] of several sample sets, padded so single values still show. */
export function sampleDomain(sets: number[][]): [number, number] {
  const all = sets.flat().filter(Number.isFinite)
  if (all.length === 0) return [0, 1]
  const lo = Math.min(...all)
  const hi = Math.max(...all)
  const pad = hi === lo ? Math.max(1, Math.abs(hi) * 0.1) : (hi - lo) * 0.05
  return [Math.max(0, lo - pad), hi + pad]
}
