import type { ColumnStats, Percentiles } from '../../../../main/common/api'
import type { IterationResult } from '../columns/lane'

/** Nearest-rank percentiles (the sample itself, never an interpolation). */
export function percentiles(values: number[]): Percentiles | null {
  const samples = values.filter((v) => Number.isFinite(v))
  if (samples.length === 0) return null
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
  return { p50: rank(50), p90: rank(90), p99: rank(99), min: sorted[0]!, max: sorted.at(-1)!, samples }
}

/**
 * Stats from the iterations seen, for when main sent none (a stream cut short) or
 * while a Run ×N is still going. Main's `run-finished` stats win when present.
 */
export function statsFromResults(results: IterationResult[]): ColumnStats[] {
  const byColumn = new Map<string, IterationResult[]>()
  for (const r of results) byColumn.set(r.columnId, [...(byColumn.get(r.columnId) ?? []), r])
  return [...byColumn.entries()].map(([columnId, rs]) => {
    const ok = rs.filter((r) => r.error === null && r.timing !== null)
    const pick = (f: (r: IterationResult) => number | null | undefined, from = ok) =>
      percentiles(from.map(f).filter((v): v is number => typeof v === 'number'))
    const cold = ok.filter((r) => r.warm === false)
    const warm = ok.filter((r) => r.warm === true)
    return {
      columnId,
      model: rs[0]!.model,
      label: rs[0]!.label,
      runs: rs.length,
      failures: rs.length - ok.length,
      ttftMs: pick((r) => r.timing?.first_token_ms),
      decodeTokensPerS: pick((r) => r.timing?.decode_tokens_per_s),
      totalMs: pick((r) => r.timing?.end_ms),
      cold: { ttftMs: pick((r) => r.timing?.first_token_ms, cold), count: cold.length },
      warm: { ttftMs: pick((r) => r.timing?.first_token_ms, warm), count: warm.length },
    }
  })
}
