import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import { type RaceInput, resampleRace } from './race-series'
import { readVars, useThemeVersion, useWidth } from './use-css-vars'

export interface RaceSeries {
  label: string
  /** Index into the series palette (--s1 … --s8). */
  colorIndex: number
  input: RaceInput
}

const HEIGHT = 190

/**
 * Cumulative tokens against time for every column on one axis (uPlot). The chart is
 * built once per set of series and only fed new data after: `version` changes at
 * most once per animation frame, never per chunk.
 */
export function RaceChart({ series, version }: { series: RaceSeries[]; version: number }) {
  const wrap = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const width = useWidth(wrap)
  const theme = useThemeVersion()
  const shape = series.map((s) => `${s.colorIndex}:${s.label}`).join('|')
  const latest = useRef(series)
  latest.current = series

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the series set or theme changes
  useEffect(() => {
    const el = wrap.current
    if (!el || width === 0) return
    const c = readVars(el, ['--fg-muted', '--border', ...latest.current.map((s) => `--s${s.colorIndex}`)])
    const axis = {
      stroke: c['--fg-muted'],
      grid: { stroke: c['--border'], width: 1 },
      ticks: { stroke: c['--border'], width: 1 },
      font: '11px system-ui, sans-serif',
    }
    const opts: uPlot.Options = {
      width,
      height: HEIGHT,
      scales: { x: { time: false } },
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      axes: [
        { ...axis, values: (_u, vals) => vals.map((v) => (v >= 1000 ? `${v / 1000}s` : `${v}ms`)) },
        { ...axis, size: 44, label: 'tokens', labelSize: 14, labelFont: '11px system-ui, sans-serif' },
      ],
      series: [
        { label: 'time' },
        ...latest.current.map((s) => ({
          label: s.label,
          stroke: c[`--s${s.colorIndex}`],
          width: 2,
          points: { show: false },
          spanGaps: false,
        })),
      ],
    }
    const u = new uPlot(opts, resampleRace(latest.current.map((s) => s.input)) as uPlot.AlignedData, el)
    plot.current = u
    return () => {
      u.destroy()
      plot.current = null
    }
  }, [shape, theme, width === 0])

  useEffect(() => {
    if (plot.current && width > 0) plot.current.setSize({ width, height: HEIGHT })
  }, [width])

  // biome-ignore lint/correctness/useExhaustiveDependencies: fed once per published frame
  useEffect(() => {
    plot.current?.setData(resampleRace(latest.current.map((s) => s.input)) as uPlot.AlignedData)
  }, [version, shape])

  return (
    <div
      ref={wrap}
      className="race-chart"
      data-testid="race-chart"
      role="img"
      aria-label="Race chart: cumulative tokens over time per column"
    />
  )
}
