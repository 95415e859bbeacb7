import type { ColumnStats, Percentiles } from '../../../../main/common/api'
import { type CvGrade, type Faster, fasterOf, gradeCv } from '../../../../main/common/stats'
import { fmtMs } from '../../shared/format'

/** One row of the confidence table: how sure the Run ×N is, per model. */
export interface ConfidenceRow {
  columnId: string
  model: string
  /** "412 ms ± 38 ms" (the 95% interval's half-width). */
  ttftMean: string
  cv: string
  grade: CvGrade | null
  ttfa: string
  thinking: string
  itlP95: string
  tpot: string
  /** Prompt cache: TTFT p50 of cold and warm runs, when the run had both kinds. */
  cacheCold: string
  cacheWarm: string
  goodput: string
  goodputOk: boolean | null
  /** Columns this one is significantly faster than on TTFT. */
  fasterThan: Array<{ model: string; p: number }>
}

function meanCi(p: Percentiles | null | undefined): string {
  if (!p || p.mean === undefined) return '—'
  if (!p.ci95) return `${fmtMs(p.mean)} (n=1)`
  return `${fmtMs(p.mean)} ± ${fmtMs((p.ci95[1] - p.ci95[0]) / 2)}`
}

const withN = (p: Percentiles | null | undefined, n: number) => (n === 0 ? '—' : `${fmtMs(p?.p50)} (n=${n})`)

/** Every pair's TTFT rank test, once (Mann–Whitney U, main/common/stats.ts). */
export function ttftComparisons(stats: ColumnStats[]): Array<{ a: string; b: string; verdict: Faster }> {
  const out: Array<{ a: string; b: string; verdict: Faster }> = []
  for (let i = 0; i < stats.length; i++) {
    for (let j = i + 1; j < stats.length; j++) {
      const a = stats[i]!.ttftMs?.samples
      const b = stats[j]!.ttftMs?.samples
      if (a?.length && b?.length) out.push({ a: stats[i]!.columnId, b: stats[j]!.columnId, verdict: fasterOf(a, b) })
    }
  }
  return out
}

export function confidenceRows(stats: ColumnStats[], minGoodput = 1): ConfidenceRow[] {
  const label = new Map(stats.map((s) => [s.columnId, s.label ?? s.model]))
  const comparisons = ttftComparisons(stats)
  return stats.map((s) => {
    const cv = s.ttftMs?.cv ?? null
    const fasterThan = comparisons.flatMap(({ a, b, verdict }) => {
      if (!verdict.faster || verdict.p === null) return []
      const winner = verdict.faster === 'a' ? a : b
      const loser = verdict.faster === 'a' ? b : a
      return winner === s.columnId ? [{ model: label.get(loser)!, p: verdict.p }] : []
    })
    return {
      columnId: s.columnId,
      model: label.get(s.columnId)!,
      ttftMean: meanCi(s.ttftMs),
      cv: cv === null ? '—' : `${(cv * 100).toFixed(1)}%`,
      grade: cv === null ? null : gradeCv(cv),
      ttfa: fmtMs(s.ttfaMs?.p50),
      thinking: fmtMs(s.thinkingMs?.p50),
      itlP95: fmtMs(s.itlP95Ms?.p50),
      tpot: fmtMs(s.tpotMs?.p50),
      cacheCold: s.promptCache ? withN(s.promptCache.cold.ttftMs, s.promptCache.cold.count) : '—',
      cacheWarm: s.promptCache ? withN(s.promptCache.warm.ttftMs, s.promptCache.warm.count) : '—',
      goodput: s.goodput
        ? `${s.goodput.share === null ? '—' : `${Math.round(s.goodput.share * 100)}%`} (${s.goodput.within}/${s.goodput.runs})`
        : '—',
      goodputOk: s.goodput?.share == null ? null : s.goodput.share >= minGoodput,
      fasterThan,
    }
  })
}
