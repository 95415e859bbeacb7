import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ColumnStats } from '../../../../main/common/api'
import { useAppStore } from '../../store'
import { ConfidenceTable } from './ConfidenceTable'
import { DistributionPlot, decodePlot, ttfaPlot, ttftPlot } from './DistributionPlot'
import { statsFromResults } from './partial-stats'
import { StatsTable } from './StatsTable'
import './repeat.css'

/** The Run ×N summary of the run shown: main's stats when it sent them, ours so far until then. */
export function RepeatResults() {
  const { stats, results, iterations, runStatus, columns, slo } = useAppStore(
    useShallow((s) => ({
      slo: s.slo,
      stats: s.stats,
      results: s.results,
      iterations: s.iterations,
      runStatus: s.runStatus,
      columns: s.columns,
    })),
  )
  const shown = useMemo(() => (stats.length > 0 ? stats : statsFromResults(results, slo)), [stats, results, slo])
  if (iterations < 2 || shown.length === 0) return null
  const colorOf = (id: string) =>
    Math.max(
      0,
      columns.findIndex((c) => c.columnId === id),
    ) + 1
  return <RepeatSummary stats={shown} colorOf={colorOf} partial={runStatus !== 'done'} />
}

export function RepeatSummary({
  stats,
  colorOf,
  partial,
}: {
  stats: ColumnStats[]
  colorOf: (columnId: string) => number
  partial?: boolean
}) {
  return (
    <div className="compare-card repeat">
      <div className="panel-title">
        Run ×N: percentiles per model {partial && <span className="badge accent">so far</span>}
      </div>
      <StatsTable stats={stats} />
      <ConfidenceTable stats={stats} />
      <div className="dist-row">
        <DistributionPlot {...ttftPlot} stats={stats} colorOf={colorOf} />
        {stats.some((s) => s.ttfaMs && s.ttfaMs.samples.length > 0) && (
          <DistributionPlot {...ttfaPlot} stats={stats} colorOf={colorOf} />
        )}
        <DistributionPlot {...decodePlot} stats={stats} colorOf={colorOf} />
      </div>
    </div>
  )
}
