/**
 * Run ×N statistics per column, from each iteration's outcome: main computes them at
 * the end of a run (and stores them), the renderer while a run is still going, the CLI
 * and reports from history. Percentiles, intervals and CVs come from stats.ts, the
 * per-call measures from measures.ts, the SLO verdicts from slo.ts: one definition each.
 */
import type { ColumnSpec, ColumnStats } from './api'
import { type Arrival, type CallMeasures, callMeasures } from './measures'
import { modelLabel } from './model-ref'
import { evaluateSlo, goodput, hasSlo, type Slo, type SloVerdict } from './slo'
import { percentiles } from './stats'
import type { Timing, Usage } from './timing'

/** One finished or failed column iteration. */
export interface ColumnOutcome {
  columnId: string
  iteration: number
  ok: boolean
  timing: Timing | null
  usage?: Usage | null
  /** What arrived when; without them only the engine's record is used. */
  arrivals?: Arrival[] | null
  promptCache?: 'cold' | 'warm'
}

/** The outcome's measures, or null when it failed (or has nothing to measure). */
export function outcomeMeasures(o: ColumnOutcome): CallMeasures | null {
  if (!o.ok || !o.timing) return null
  return callMeasures(o.arrivals ?? [], o.timing, o.usage ?? null)
}

/** The SLO verdict of every outcome, in order (null when no SLO is set). */
export function outcomeVerdicts(outcomes: readonly ColumnOutcome[], slo: Slo | undefined): SloVerdict[] | null {
  if (!hasSlo(slo)) return null
  return outcomes.map((o) => evaluateSlo(outcomeMeasures(o), slo))
}

type Picked = { timing: Timing; m: CallMeasures | null; promptCache?: 'cold' | 'warm' }

export function columnStats(
  columns: readonly ColumnSpec[],
  outcomes: readonly ColumnOutcome[],
  slo?: Slo,
): ColumnStats[] {
  return columns.map((column) => {
    const mine = outcomes.filter((o) => o.columnId === column.columnId).sort((a, b) => a.iteration - b.iteration)
    const ok: Picked[] = mine
      .filter((o) => o.ok && o.timing)
      .map((o) => ({
        timing: o.timing!,
        // Without arrivals (older history) the measures beyond the engine's record are unknown.
        m: o.arrivals ? outcomeMeasures(o) : null,
        promptCache: o.promptCache,
      }))
    const of = (rows: Picked[], f: (p: Picked) => number | null | undefined) =>
      percentiles(rows.map(f).filter((v): v is number => typeof v === 'number'))
    const ttft = (p: Picked) => p.timing.first_token_ms
    const cold = ok.filter((p) => !p.timing.reused_connection)
    const warm = ok.filter((p) => p.timing.reused_connection)
    const cacheCold = ok.filter((p) => p.promptCache === 'cold')
    const cacheWarm = ok.filter((p) => p.promptCache === 'warm')
    const stats: ColumnStats = {
      columnId: column.columnId,
      model: column.model,
      label: modelLabel(column),
      runs: mine.length,
      failures: mine.length - ok.length,
      ttftMs: of(ok, ttft),
      decodeTokensPerS: of(ok, (p) => (p.timing.buffered ? null : p.timing.decode_tokens_per_s)),
      totalMs: of(ok, (p) => p.timing.end_ms),
      cold: { ttftMs: of(cold, ttft), count: cold.length },
      warm: { ttftMs: of(warm, ttft), count: warm.length },
      ttfaMs: of(ok, (p) => p.m?.ttfaMs),
      thinkingMs: of(ok, (p) => p.m?.thinkingMs),
      ttstMs: of(ok, (p) => p.m?.ttstMs),
      tpotMs: of(ok, (p) => p.m?.tpotMs),
      itlP95Ms: of(ok, (p) => p.m?.itl?.p95),
    }
    if (cacheCold.length + cacheWarm.length > 0) {
      stats.promptCache = {
        cold: { ttftMs: of(cacheCold, ttft), count: cacheCold.length },
        warm: { ttftMs: of(cacheWarm, ttft), count: cacheWarm.length },
      }
    }
    const verdicts = outcomeVerdicts(mine, slo)
    if (verdicts) stats.goodput = goodput(verdicts)
    return stats
  })
}
