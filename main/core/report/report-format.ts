/**
 * How reports write numbers: milliseconds, rates, shares, and the percentile cells that
 * say "n too small" where the sample cannot support them (stats.ts's rule).
 */
import type { Percentiles } from '../../common/api'
import { gradeCv, percentileSupported, TOO_FEW } from '../../common/stats'

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 100) return `${Math.round(ms)} ms`
  return `${ms.toFixed(1)} ms`
}

export function fmtRate(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(1)} tok/s`
}

export function fmtShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`
}

/** p50 / p90 / p99, each only when n supports it. */
export function pctlCells(p: Percentiles | null | undefined, fmt = fmtMs): [string, string, string] {
  if (!p) return ['—', '—', '—']
  const cell = (w: 'p50' | 'p90' | 'p99') => (percentileSupported(p, w) ? fmt(p[w]) : TOO_FEW)
  return [cell('p50'), cell('p90'), cell('p99')]
}

/** "412 ms ± 38 ms" (the 95% interval's half-width), or the mean alone below two samples. */
export function fmtMeanCi(p: Percentiles | null | undefined, fmt = fmtMs): string {
  if (!p || p.mean === undefined) return '—'
  if (!p.ci95) return `${fmt(p.mean)} (n=1)`
  return `${fmt(p.mean)} ± ${fmt((p.ci95[1] - p.ci95[0]) / 2)}`
}

/** "3.1% excellent". */
export function fmtCv(p: Percentiles | null | undefined): string {
  if (!p || p.cv === undefined || p.cv === null) return '—'
  return `${(p.cv * 100).toFixed(1)}% ${gradeCv(p.cv)}`
}

export const METRIC_NAMES = { ttftMs: 'TTFT', ttfaMs: 'TTFA', totalMs: 'total time' } as const
