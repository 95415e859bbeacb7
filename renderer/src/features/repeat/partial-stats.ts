import type { ColumnStats } from '../../../../main/common/api'
import { columnStats } from '../../../../main/common/run-stats'
import type { Slo } from '../../../../main/common/slo'
import type { IterationResult } from '../../shared/lane'

/**
 * Stats from the iterations seen, for when main sent none (a stream cut short) or
 * while a Run ×N is still going — computed by the same module as main's
 * (main/common/run-stats.ts). Main's `run-finished` stats win when present; until
 * then TTFA and token ITL are absent (the renderer does not keep every iteration's
 * arrivals), and a prewarmed start counts as a reused connection (`warm`), as the
 * run reported it.
 */
export function statsFromResults(results: IterationResult[], slo?: Slo): ColumnStats[] {
  const columns = new Map<string, IterationResult>()
  for (const r of results) if (!columns.has(r.columnId)) columns.set(r.columnId, r)
  const stats = columnStats(
    [...columns.values()].map((r) => ({ columnId: r.columnId, model: r.model })),
    results.map((r) => ({
      columnId: r.columnId,
      iteration: r.iteration,
      ok: r.error === null && r.timing !== null,
      timing:
        r.timing === null ? null : { ...r.timing, reused_connection: r.timing.reused_connection || r.warm === true },
    })),
    slo,
  )
  return stats.map((s) => ({ ...s, label: columns.get(s.columnId)!.label }))
}
