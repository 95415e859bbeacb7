import { useEffect, useRef } from 'react'
import { fmtMs } from '../../shared/format'
import { bufferMeasures } from '../../shared/token-arrivals'
import { useAppStore } from '../../store'
import { useThrottledSelector } from '../../store/use-throttled'
import { gapStrip } from './gap-strip'
import { readVars, useThemeVersion, useWidth } from './use-css-vars'

const HEIGHT = 24

/** The connected strip: this column's inter-token gaps, redrawn ~10 times a second while streaming. */
export function GapStrip({ columnId }: { columnId: string }) {
  const version = useThrottledSelector(useAppStore, (s) => s.lanes[columnId]?.version ?? -1)
  const timing = useAppStore((s) => s.lanes[columnId]?.timing ?? null)
  const usage = useAppStore((s) => s.lanes[columnId]?.usage ?? null)
  const buf = useAppStore.getState().buffers[columnId]
  if (!buf) return <GapStripCanvas arrivals={[]} version={version} />
  const { arrivals, m } = bufferMeasures(buf, timing, usage)
  return (
    <GapStripCanvas
      arrivals={arrivals.map((a) => a.at)}
      tokensPerArrival={m.tokensPerArrival}
      tokenItlP95={m.itl?.p95 ?? null}
      tokenSource={m.tokenSource}
      spanMs={timing?.end_ms ?? undefined}
      version={version}
    />
  )
}

/**
 * Inter-token gaps along the time axis: each bar is the longest chunk gap ending there
 * (log height), with the token latency (that gap over the tokens the chunk carried)
 * drawn inside it in a darker shade; gaps counted as stalls are red, a tick above a bar
 * marks a chunk that carried several tokens, the wait before the first token is shaded.
 */
export function GapStripCanvas({
  arrivals,
  tokensPerArrival,
  tokenItlP95 = null,
  tokenSource,
  spanMs,
  version,
}: {
  arrivals: number[]
  tokensPerArrival?: number[]
  tokenItlP95?: number | null
  tokenSource?: 'provider' | 'estimate'
  spanMs?: number
  version: number
}) {
  const wrap = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const width = useWidth(wrap)
  const theme = useThemeVersion()
  const colors = useRef<{ theme: number; c: Record<string, string> } | null>(null)
  const data =
    arrivals.length > 1 ? gapStrip(arrivals, Math.max(1, Math.floor(width / 2)), spanMs, tokensPerArrival) : null

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
      colors.current = { theme, c: readVars(el, ['--series', '--bad', '--bg-sunken', '--fg']) }
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
      const tokenGap = data.maxTokenGap[i] ?? 0
      if (tokenGap > 0 && tokenGap < gap) {
        const th = Math.max(1, (Math.log1p(tokenGap) / top) * (HEIGHT - 2))
        ctx.globalAlpha = 0.55
        ctx.fillStyle = c['--fg']!
        ctx.fillRect(i * barW, HEIGHT - th, Math.max(1, barW - 0.5), th)
      }
      if ((data.maxTokens[i] ?? 0) > 1) {
        ctx.globalAlpha = 0.9
        ctx.fillStyle = c['--fg']!
        ctx.fillRect(i * barW, 0, Math.max(1, barW - 0.5), 2)
      }
    })
    ctx.globalAlpha = 1
  }, [version, width, theme, arrivals.length, spanMs, tokensPerArrival])

  return (
    <div className="gap-strip" data-testid="gap-strip">
      <div ref={wrap} className="gap-strip-canvas" aria-hidden="true">
        <canvas ref={canvas} style={{ width: '100%', height: HEIGHT }} />
      </div>
      <div className="gap-strip-legend">
        {data ? (
          <>
            <span>max gap {fmtMs(data.worstMs)}</span>
            {tokenItlP95 !== null && (
              <span
                data-testid="token-itl"
                data-source={tokenSource}
                title={`Token inter-token latency p95: each chunk's gap spread over the tokens it carried (dark bars); tokens from the ${tokenSource === 'provider' ? "provider's count" : 'engine estimate'}`}
              >
                tok ITL p95 {fmtMs(tokenItlP95)}
                {tokenSource === 'estimate' ? ' est.' : ''}
              </span>
            )}
            {data.multiToken > 0 && (
              <span data-testid="multi-token" title="Chunks that carried more than one token (ticks above the bars)">
                {data.multiToken} multi-token (≤{Math.max(...data.maxTokens)})
              </span>
            )}
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
