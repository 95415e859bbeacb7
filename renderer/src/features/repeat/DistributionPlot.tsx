import type { ColumnStats, Percentiles } from '../../../../main/common/api'
import { fmtMs, fmtRate } from '../../shared/format'
import { sampleDomain } from './stats-rows'

interface Props {
  title: string
  stats: ColumnStats[]
  pick: (s: ColumnStats) => Percentiles | null
  format: (n: number) => string
  /** Palette index per column id. */
  colorOf: (columnId: string) => number
}

const W = 320
const ROW = 18

/** One dot per sample on a shared axis, one row per model, p50 ticked, the mean's 95% interval as a bar below. */
export function DistributionPlot({ title, stats, pick, format, colorOf }: Props) {
  const sets = stats.map((s) => pick(s)?.samples ?? [])
  const [lo, hi] = sampleDomain(sets)
  const x = (v: number) => 8 + ((v - lo) / (hi - lo)) * (W - 16)
  const height = stats.length * ROW + 20
  return (
    <figure className="dist-plot">
      <figcaption className="panel-title">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${height}`} width={W} height={height} role="img" aria-label={title}>
        {stats.map((s, row) => {
          const p = pick(s)
          const y = row * ROW + ROW / 2
          const color = `var(--s${colorOf(s.columnId)})`
          return (
            <g key={s.columnId}>
              <line x1={8} x2={W - 8} y1={y} y2={y} className="dist-axis" />
              {(p?.samples ?? []).map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: samples have no identity
                <circle key={i} cx={x(v)} cy={y} r={3.2} fill={color} fillOpacity={0.55} />
              ))}
              {p && <line x1={x(p.p50)} x2={x(p.p50)} y1={y - 7} y2={y + 7} stroke={color} strokeWidth={2} />}
              {p?.ci95 && p.mean !== undefined && (
                <g className="dist-ci" data-testid="dist-ci">
                  <title>{`mean ${format(p.mean)}, 95% CI ${format(p.ci95[0])} – ${format(p.ci95[1])}`}</title>
                  <line x1={x(Math.max(lo, p.ci95[0]))} x2={x(Math.min(hi, p.ci95[1]))} y1={y + 6} y2={y + 6} />
                  <circle cx={x(p.mean)} cy={y + 6} r={1.8} />
                </g>
              )}
            </g>
          )
        })}
        <text x={8} y={height - 4} className="dist-tick">
          {format(lo)}
        </text>
        <text x={W - 8} y={height - 4} className="dist-tick" textAnchor="end">
          {format(hi)}
        </text>
      </svg>
    </figure>
  )
}

export const ttftPlot = { title: 'TTFT distribution', pick: (s: ColumnStats) => s.ttftMs, format: fmtMs }
export const ttfaPlot = {
  title: 'TTFA (first answer token) distribution',
  pick: (s: ColumnStats) => s.ttfaMs ?? null,
  format: fmtMs,
}
export const decodePlot = {
  title: 'Decode tok/s distribution',
  pick: (s: ColumnStats) => s.decodeTokensPerS,
  format: fmtRate,
}
