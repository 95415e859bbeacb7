import { useEffect, useRef } from 'react'
import { useAppStore } from '../../store'
import { useThrottledSelector } from '../../store/use-throttled'
import { fmtMs } from './format'
import { gapStrip } from './gap-strip'
import { readVars, useThemeVersion, useWidth } from './use-css-vars'

const HEIGHT = 24

/** The connected strip: this column's inter-token gaps, redrawn ~10 times a second while streaming. */
export function GapStrip({ columnId }: { columnId: string }) {
  const version = useThrottledSelector(useAppStore, (s) => s.lanes[columnId]?.version ?? -1)
  const endMs = useAppStore((s) => s.lanes[columnId]?.timing?.end_ms)
  const arrivals = useAppStore.getState().buffers[columnId]?.arrivals ?? []
  return <GapStripCanvas arrivals={arrivals} spanMs={endMs ?? undefined} version={version} />
}

/**
 * Inter-token gaps along the time axis: each bar is the longest gap ending there
 * (log height); gaps counted as stalls are red, the wait before the first token is shaded.
 */
export function GapStripCanvas({
  arrivals,
  spanMs,
  version,
}: {
  arrivals: number[]
  spanMs?: number
  version: number
}) {
  const wrap = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const width = useWidth(wrap)
  const theme = useThemeVersion()
  const colors = useRef<{ theme: number; c: Record<string, string> } | null>(null)
  const data = arrivals.length > 1 ? gapStrip(arrivals, Math.max(1, Math.floor(width / 2)), spanMs) : null

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw per published frame and theme
  useEffect(() => {
    const el = canvas.current
    if (!el || width === 0) return
    const dpr = window.devicePixelRatio || 1
    const w = Math.round(width * dpr)
    const h = Math.round(HEIGHT * dpr)
    // Resizing a canvas reallocates it: only when the size really changed.
    if (el.width !== w) el.width = w
    if (el.height !== h) el.height = h
    const ctx = el.getContext('2d')
    if (!ctx) return
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, width, HEIGHT)
    if (!data) return
    // getComputedStyle forces a style pass: read the palette once per theme, not per frame.
    if (!colors.current || colors.current.theme !== theme) {
      colors.current = { theme, c: readVars(el, ['--series', '--bad', '--bg-sunken']) }
    }
    const { c } = colors.current
    const first = arrivals[0] ?? 0
    ctx.fillStyle = c['--bg-sunken']!
    ctx.fillRect(0, 0, (first / data.spanMs) * width, HEIGHT)
    const top = Math.log1p(Math.max(data.worstMs, data.stallMs * 1.5))
    const barW = width / data.maxGap.length
    data.maxGap.forEach((gap, i) => {
      if (gap <= 0) return
      const h = Math.max(1, (Math.log1p(gap) / top) * (HEIGHT - 2))
      ctx.fillStyle = gap > data.stallMs ? c['--bad']! : c['--series']!
      ctx.globalAlpha = gap > data.stallMs ? 1 : 0.75
      ctx.fillRect(i * barW, HEIGHT - h, Math.max(1, barW - 0.5), h)
    })
    ctx.globalAlpha = 1
  }, [version, width, theme, arrivals.length, spanMs])

  return (
    <div className="gap-strip" data-testid="gap-strip">
      <div ref={wrap} className="gap-strip-canvas" aria-hidden="true">
        <canvas ref={canvas} style={{ width: '100%', height: HEIGHT }} />
      </div>
      <div className="gap-strip-legend">
        {data ? (
          <>
            <span>max gap {fmtMs(data.worstMs)}</span>
            <span className={data.stalls > 0 ? 'stall' : ''} data-testid="stall-count">
              {data.stalls} stall{data.stalls === 1 ? '' : 's'}
            </span>
          </>
        ) : (
          <span>inter-token gaps</span>
        )}
      </div>
    </div>
  )
}
