import type { LoadResult } from '../../../../main/common/load'
import { fmtMs } from '../../shared/format'

const W = 560
const H = 240
const PAD = { l: 56, r: 16, t: 10, b: 30 }

/**
 * Output throughput (x) against TTFT p50 (solid) and p95 (dashed), one point per level:
 * where throughput stops growing while TTFT climbs is the server's capacity.
 */
export function LoadCurve({ result }: { result: LoadResult }) {
  const levels = result.levels.filter((l) => l.ttftMs)
  if (levels.length === 0) return <p className="muted">No level finished a request yet.</p>
  const maxX = Math.max(1, ...levels.map((l) => l.outputTokensPerS)) * 1.08
  const maxY = Math.max(1, ...levels.map((l) => l.ttftMs!.p95)) * 1.1
  const sx = (v: number) => PAD.l + (v / maxX) * (W - PAD.l - PAD.r)
  const sy = (v: number) => H - PAD.b - (v / maxY) * (H - PAD.t - PAD.b)
  const path = (f: (i: number) => number) =>
    levels.map((l, i) => `${i === 0 ? 'M' : 'L'}${sx(l.outputTokensPerS).toFixed(1)},${sy(f(i)).toFixed(1)}`).join(' ')
  return (
    <svg
      className="load-curve"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Throughput against time to first token"
      data-testid="load-curve"
    >
      <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} className="load-axis" />
      <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} className="load-axis" />
      <text x={W - PAD.r} y={H - 8} textAnchor="end" className="load-tick">
        output tok/s → {maxX.toFixed(0)}
      </text>
      <text x={PAD.l - 6} y={PAD.t + 10} textAnchor="end" className="load-tick">
        {fmtMs(maxY)}
      </text>
      <text x={PAD.l - 6} y={H - PAD.b} textAnchor="end" className="load-tick">
        0
      </text>
      <path d={path((i) => levels[i]!.ttftMs!.p50)} className="load-p50" />
      <path d={path((i) => levels[i]!.ttftMs!.p95)} className="load-p95" />
      {levels.map((l) => (
        <g key={l.level}>
          <circle cx={sx(l.outputTokensPerS)} cy={sy(l.ttftMs!.p50)} r={3.5} className="load-point" />
          <text x={sx(l.outputTokensPerS) + 6} y={sy(l.ttftMs!.p50) - 6} className="load-tick">
            {result.kind === 'sweep' ? `×${l.level}` : `${l.level}/s`}
          </text>
        </g>
      ))}
    </svg>
  )
}
