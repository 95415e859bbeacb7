/**
 * Run ×N statistics per column: nearest-rank percentiles (the value at rank
 * ⌈p·n⌉ of the sorted samples, so every reported value was actually measured)
 * of TTFT, decode rate and total time, with cold and warm connections apart
 * (`timing.reused_connection`).
 */
import type { ColumnSpec, ColumnStats, Percentiles } from '../../common/api'
import { modelLabel } from '../../common/model-ref'
import type { Timing } from '../../common/timing'

/** One finished or failed column iteration. */
export interface ColumnOutcome {
  columnId: string
  iteration: number
  ok: boolean
  timing: Timing | null
}

export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('nearestRank of no samples')
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1]!
}

export function percentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return {
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    samples: [...values],
  }
}

function pick(timings: Timing[], field: (t: Timing) => number | null): number[] {
  const out: number[] = []
  for (const t of timings) {
    const v = field(t)
    if (v !== null && Number.isFinite(v)) out.push(v)
  }
  return out
}

export function columnStats(columns: readonly ColumnSpec[], outcomes: readonly ColumnOutcome[]): ColumnStats[] {
  return columns.map((column) => {
    const mine = outcomes.filter((o) => o.columnId === column.columnId).sort((a, b) => a.iteration - b.iteration)
    const ok = mine.filter((o) => o.ok && o.timing).map((o) => o.timing!)
    const cold = ok.filter((t) => !t.reused_connection)
    const warm = ok.filter((t) => t.reused_connection)
    const ttft = (t: Timing) => t.first_token_ms
    return {
      columnId: column.columnId,
      model: column.model,
      label: modelLabel(column),
      runs: mine.length,
      failures: mine.length - ok.length,
      ttftMs: percentiles(pick(ok, ttft)),
      decodeTokensPerS: percentiles(pick(ok, (t) => t.decode_tokens_per_s)),
      totalMs: percentiles(pick(ok, (t) => t.end_ms)),
      cold: { ttftMs: percentiles(pick(cold, ttft)), count: cold.length },
      warm: { ttftMs: percentiles(pick(warm, ttft)), count: warm.length },
    }
  })
}
