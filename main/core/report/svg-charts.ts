/**
 * The report's charts as inline SVG strings (no script, no library): the race (tokens
 * over time per column), the distribution of a metric's runs per column (every run a
 * dot, the mean with its 95% interval as a bar), and the TTFT phase bars.
 */
import type { Percentiles } from '../../common/api'
import { fmtMs } from './report-format'
import type { ReportColumn } from './report-model'

type Colored = ReportColumn & { color: string }

const W = 900
const PAD = { l: 170, r: 20, t: 10, b: 28 }

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function niceMax(v: number): number {
  if (v <= 0) return 1
  const p = 10 ** Math.floor(Math.log10(v))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p
  return 10 * p
}

function xAxis(max: number, y: number, x0: number, x1: number, fmt: (v: number) => string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const x = x0 + f * (x1 - x0)
    return `<line x1="${x}" y1="${PAD.t}" x2="${x}" y2="${y}" stroke="#eef0f4"/><text x="${x}" y="${y + 16}" font-size="11" text-anchor="middle" fill="#5b6575">${esc(fmt(f * max))}</text>`
  })
  return ticks.join('')
}

export function raceSvg(columns: Colored[]): string {
  const series = columns.filter((c) => c.race.length > 0)
  if (series.length === 0) return '<p class="faint">No finished run recorded what arrived when.</p>'
  const h = 260
  const maxX = niceMax(Math.max(...series.map((c) => c.race.at(-1)![0])))
  const maxY = niceMax(Math.max(...series.map((c) => c.race.at(-1)![1])))
  const x0 = 50
  const x1 = W - PAD.r
  const y1 = h - PAD.b
  const sx = (v: number) => x0 + (v / maxX) * (x1 - x0)
  const sy = (v: number) => y1 - (v / maxY) * (y1 - PAD.t)
  const lines = series.map((c) => {
    // A step line: the count jumps when an arrival lands (a chunk of many tokens is a tall step).
    let d = `M${sx(0).toFixed(1)},${sy(0).toFixed(1)}`
    for (const [at, total] of c.race) d += ` H${sx(at).toFixed(1)} V${sy(total).toFixed(1)}`
    return `<path d="${d}" fill="none" stroke="${c.color}" stroke-width="1.8"><title>${esc(c.label)}</title></path>`
  })
  return `<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="Tokens over time per model">
${xAxis(maxX, y1, x0, x1, fmtMs)}
<text x="${x0 - 6}" y="${PAD.t + 10}" font-size="11" text-anchor="end" fill="#5b6575">${maxY}</text>
<text x="${x0 - 6}" y="${y1}" font-size="11" text-anchor="end" fill="#5b6575">0</text>
<text x="12" y="${(PAD.t + y1) / 2}" font-size="11" fill="#5b6575" transform="rotate(-90 12 ${(PAD.t + y1) / 2})" text-anchor="middle">tokens</text>
${lines.join('\n')}
</svg>`
}

export function distributionSvg(
  columns: Colored[],
  metric: (c: ReportColumn) => Percentiles | null | undefined,
): string {
  const rows = columns.map((c) => ({ c, p: metric(c) })).filter((r) => r.p && r.p.samples.length > 0)
  if (rows.length === 0) return '<p class="faint">No finished runs.</p>'
  const rowH = 34
  const h = PAD.t + rows.length * rowH + PAD.b
  const max = niceMax(Math.max(...rows.flatMap((r) => r.p!.samples)))
  const x0 = PAD.l
  const x1 = W - PAD.r
  const sx = (v: number) => x0 + (v / max) * (x1 - x0)
  const body = rows.map(({ c, p }, i) => {
    const y = PAD.t + i * rowH + rowH / 2
    const dots = p!.samples
      .map((x, k) => {
        // Spread dots vertically a little so equal values stay visible.
        const jitter = ((k * 7) % 5) - 2
        return `<circle cx="${sx(x).toFixed(1)}" cy="${y + jitter * 2}" r="3" fill="${c.color}" fill-opacity="0.6"><title>${esc(fmtMs(x))}</title></circle>`
      })
      .join('')
    const ci = p?.ci95
      ? `<line x1="${sx(Math.max(0, p.ci95[0])).toFixed(1)}" x2="${sx(p.ci95[1]).toFixed(1)}" y1="${y + 11}" y2="${y + 11}" stroke="#1d2430" stroke-width="2"/><circle cx="${sx(p.mean!).toFixed(1)}" cy="${y + 11}" r="2.5" fill="#1d2430"/>`
      : ''
    return `<text x="${x0 - 8}" y="${y + 4}" font-size="12" text-anchor="end" fill="#1d2430">${esc(c.label)}</text>${dots}${ci}`
  })
  return `<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="Distribution of runs per model">
${xAxis(max, h - PAD.b, x0, x1, fmtMs)}
${body.join('\n')}
</svg><p class="meta">Each dot is a run; the black bar is the mean's 95% confidence interval.</p>`
}

const PHASE_COLORS: Record<string, string> = {
  client: '#94a3b8',
  network: '#60a5fa',
  server: '#f59e0b',
}

export function phasesSvg(columns: Colored[]): string {
  const rows = columns.filter((c) => c.phases && c.phases.length > 0)
  if (rows.length === 0) return '<p class="faint">No finished runs.</p>'
  const rowH = 30
  const h = PAD.t + rows.length * rowH + PAD.b
  const max = niceMax(Math.max(...rows.map((c) => c.phases!.reduce((s, p) => s + p.ms, 0))))
  const x0 = PAD.l
  const x1 = W - PAD.r
  const sx = (v: number) => (v / max) * (x1 - x0)
  const body = rows.map((c, i) => {
    const y = PAD.t + i * rowH + 6
    let x = x0
    const segs = c
      .phases!.filter((p) => p.ms > 0)
      .map((p, k) => {
        const w = sx(p.ms)
        const shade = k % 2 === 0 ? 1 : 0.75
        const seg = `<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(0.5, w).toFixed(1)}" height="18" fill="${PHASE_COLORS[p.side]}" fill-opacity="${shade}"><title>${esc(p.label)}: ${esc(fmtMs(p.ms))}</title></rect>${w > 60 ? `<text x="${(x + 4).toFixed(1)}" y="${y + 13}" font-size="10.5" fill="#111">${esc(p.label)}</text>` : ''}`
        x += w
        return seg
      })
      .join('')
    return `<text x="${x0 - 8}" y="${y + 13}" font-size="12" text-anchor="end" fill="#1d2430">${esc(c.label)}</text>${segs}`
  })
  return `<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="Time to first token by phase">
${xAxis(max, h - PAD.b, x0, x1, fmtMs)}
${body.join('\n')}
</svg><p class="legend"><span><i class="sw" style="background:${PHASE_COLORS.client}"></i>connection setup (client)</span><span><i class="sw" style="background:${PHASE_COLORS.network}"></i>network and waiting</span><span><i class="sw" style="background:${PHASE_COLORS.server}"></i>server (its own report: queue, load, prefill, processing)</span></p>`
}
