/**
 * Everything a report shows about one run, computed once from the run as history holds
 * it: per-column statistics (recomputed from the columns, so older runs gain what their
 * rows allow), each iteration's SLO verdict, the pairwise "faster" verdicts, the TTFT
 * phases of each column's median run, and each column's race (tokens over time). The
 * HTML, Markdown and JSON writers, the CLI's table and its exit code all read this.
 */
import type { ColumnStats, HistoryColumn, HistoryRun, Percentiles } from '../../common/api'
import { callMeasures } from '../../common/measures'
import { modelLabel } from '../../common/model-ref'
import { type Phase, ttftPhases } from '../../common/phases'
import { type ColumnOutcome, columnStats } from '../../common/run-stats'
import { evaluateSlo, hasSlo, type Slo, type SloVerdict } from '../../common/slo'
import { type Faster, fasterOf } from '../../common/stats'

export interface ReportIteration {
  columnId: string
  iteration: number
  ok: boolean
  error: string | null
  promptCache?: 'cold' | 'warm'
  ttftMs: number | null
  ttfaMs: number | null
  itlP95Ms: number | null
  e2eMs: number | null
  tokens: number | null
  tokenSource: 'provider' | 'estimate' | null
  verdict: SloVerdict | null
}

export interface ReportComparison {
  metric: 'ttftMs' | 'ttfaMs' | 'totalMs'
  a: string
  b: string
  verdict: Faster
}

export interface ReportColumn {
  columnId: string
  label: string
  stats: ColumnStats
  /** TTFT phases of the run whose TTFT is the median (null when none finished). */
  phases: Phase[] | null
  /** Cumulative tokens at each arrival of the first finished iteration: the race chart. */
  race: Array<[number, number]>
}

export interface ReportModel {
  runId: string
  createdAt: number
  status: HistoryRun['status']
  prompt: string
  iterations: number
  slo: Slo | null
  columns: ReportColumn[]
  runs: ReportIteration[]
  comparisons: ReportComparison[]
  /** Every column's goodput reached `minGoodput` (true when no SLO is set). */
  sloPassed: boolean
}

/** A column's label: the model, with the custom endpoint's name when one served it (model-ref.ts). */
export function columnLabel(run: HistoryRun, columnId: string): string {
  const spec = run.request.columns.find((c) => c.columnId === columnId)
  return spec ? modelLabel(spec) : columnId
}

function outcomeOf(c: HistoryColumn): ColumnOutcome {
  return {
    columnId: c.columnId,
    iteration: c.iteration,
    ok: c.error === null && c.timing !== null,
    timing: c.timing,
    usage: c.usage,
    arrivals: c.arrivals ?? null,
    promptCache: c.promptCache,
  }
}

/** `minGoodput`: the share of runs each column must have within the SLO (default 1: every run). */
export function buildReportModel(run: HistoryRun, options: { minGoodput?: number } = {}): ReportModel {
  const slo = hasSlo(run.request.slo) ? run.request.slo : null
  const outcomes = run.columns.map(outcomeOf)
  const stats = columnStats(run.request.columns, outcomes, slo ?? undefined)
  const runs: ReportIteration[] = run.columns.map((c) => {
    const o = outcomeOf(c)
    // Runs recorded before arrivals were kept have no TTFA or token ITL: not measured, so not within.
    const m = o.ok ? callMeasures(c.arrivals ?? [], c.timing, c.usage) : null
    return {
      columnId: c.columnId,
      iteration: c.iteration,
      ok: o.ok,
      error: c.error ? `${c.error.name}: ${c.error.message}` : o.ok ? null : 'did not finish',
      promptCache: c.promptCache,
      ttftMs: c.timing?.first_token_ms ?? null,
      ttfaMs: m?.ttfaMs ?? null,
      itlP95Ms: m?.itl?.p95 ?? null,
      e2eMs: c.timing?.end_ms ?? null,
      tokens: m?.tokens ?? null,
      tokenSource: m?.tokenSource ?? null,
      verdict: slo ? evaluateSlo(m, slo) : null,
    }
  })
  const columns = stats.map((s) => {
    const mine = run.columns.filter((c) => c.columnId === s.columnId && c.error === null && c.timing)
    return {
      columnId: s.columnId,
      label: columnLabel(run, s.columnId),
      stats: s,
      phases: medianPhases(mine),
      race: race(mine),
    }
  })
  const min = options.minGoodput ?? 1
  return {
    runId: run.runId,
    createdAt: run.createdAt,
    status: run.status,
    prompt: run.prompt,
    iterations: run.iterations,
    slo,
    columns,
    runs,
    comparisons: comparisons(columns),
    sloPassed: !slo || columns.every((c) => (c.stats.goodput?.share ?? 0) >= min),
  }
}

function medianPhases(finished: HistoryColumn[]): Phase[] | null {
  const sorted = finished
    .filter((c) => c.timing?.first_token_ms !== null && c.timing?.first_token_ms !== undefined)
    .sort((a, b) => a.timing!.first_token_ms! - b.timing!.first_token_ms!)
  const median = sorted[Math.ceil(sorted.length / 2) - 1]
  return median ? ttftPhases(median.timing!) : null
}

function race(finished: HistoryColumn[]): Array<[number, number]> {
  const first = finished.find((c) => c.arrivals && c.arrivals.length > 0)
  if (!first) return []
  const m = callMeasures(first.arrivals!, first.timing, first.usage)
  let total = 0
  return first.arrivals!.map((a, i) => {
    total += m.tokensPerArrival[i]!
    return [a.at, total]
  })
}

const COMPARED: Array<{ metric: ReportComparison['metric']; of: (s: ColumnStats) => Percentiles | null | undefined }> =
  [
    { metric: 'ttftMs', of: (s) => s.ttftMs },
    { metric: 'ttfaMs', of: (s) => s.ttfaMs },
    { metric: 'totalMs', of: (s) => s.totalMs },
  ]

/** Every pair of columns, for TTFT, TTFA and total time, where both have samples. */
function comparisons(columns: ReportColumn[]): ReportComparison[] {
  const out: ReportComparison[] = []
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      for (const { metric, of } of COMPARED) {
        const a = of(columns[i]!.stats)?.samples
        const b = of(columns[j]!.stats)?.samples
        if (!a?.length || !b?.length) continue
        out.push({ metric, a: columns[i]!.label, b: columns[j]!.label, verdict: fasterOf(a, b) })
      }
    }
  }
  return out
}
