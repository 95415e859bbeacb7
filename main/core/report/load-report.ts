/**
 * Reports of a load test: a text table, Markdown, and a self-contained HTML page whose
 * chart plots output throughput against TTFT p50/p95 per level — where latency turns up
 * while throughput stops growing is the server's capacity.
 */
import type { LevelResult, LoadResult } from '../load/load-runner'
import { COLORS, esc } from './html-report'
import { fmtMs } from './report-format'

type Named = { model: string; result: LoadResult }

const levelName = (kind: LoadResult['kind']) => (kind === 'sweep' ? 'Concurrency' : 'Rate (req/s)')

function cells(l: LevelResult): string[] {
  return [
    String(l.level),
    l.failures > 0 ? `${l.requests - l.failures}/${l.requests}` : String(l.requests),
    l.requestsPerS.toFixed(2),
    l.outputTokensPerS.toFixed(1),
    fmtMs(l.ttftMs?.p50),
    fmtMs(l.ttftMs?.p95),
    fmtMs(l.ttftMs?.p99),
    fmtMs(l.itlMs?.p50),
    fmtMs(l.itlMs?.p95),
    fmtMs(l.e2eMs?.p50),
  ]
}

const HEAD = (kind: LoadResult['kind']) => [
  levelName(kind),
  'OK',
  'Req/s',
  'Out tok/s',
  'TTFT p50',
  'TTFT p95',
  'TTFT p99',
  'ITL p50',
  'ITL p95',
  'E2E p50',
]

export function loadTable(result: LoadResult): string {
  const head = HEAD(result.kind)
  const rows = result.levels.map(cells)
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (c: string[]) => c.map((v, i) => v.padStart(widths[i]!)).join('  ')
  return [line(head), ...rows.map(line)].join('\n')
}

export function loadMarkdown(title: string, results: Named[]): string {
  const out = [`# ${title}: load`, '']
  for (const { model, result } of results) {
    out.push(`## ${model}`, '', `| ${HEAD(result.kind).join(' | ')} |`, `|${' ---: |'.repeat(10)}`)
    for (const l of result.levels) out.push(`| ${cells(l).join(' | ')} |`)
    const errors = result.levels.filter((l) => l.firstError)
    for (const l of errors)
      out.push('', `Level ${l.level}: ${l.failures} failed, first: ${l.firstError!.replace(/\|/g, '\\|')}`)
    out.push('')
  }
  return out.join('\n')
}

export function loadHtml(title: string, results: Named[]): string {
  const tables = results
    .map(
      ({ model, result }) =>
        `<h2>${esc(model)}</h2><table><thead><tr>${HEAD(result.kind)
          .map((h) => `<th>${h}</th>`)
          .join('')}</tr></thead><tbody>${result.levels
          .map(
            (l) =>
              `<tr>${cells(l)
                .map((c) => `<td>${esc(c)}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`,
    )
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}: load</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:1000px;margin:24px auto;padding:0 16px;color:#1d2430}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{padding:4px 8px;border-bottom:1px solid #e6e9ef;text-align:right}
h2{font-size:16px;margin-top:24px}.meta{color:#5b6575;font-size:12px}</style></head><body>
<h1>${esc(title)}: load</h1>
<h2>Throughput against time to first token</h2>${curve(results)}
<p class="meta">Each point is a level (its label); solid: TTFT p50, dashed: TTFT p95. The knee — throughput stops growing while TTFT climbs — is the server's capacity.</p>
${tables}</body></html>
`
}

function curve(results: Named[]): string {
  const pts = results.flatMap((r) => r.result.levels)
  if (pts.length === 0) return '<p class="meta">No levels ran.</p>'
  const W = 900
  const H = 320
  const x0 = 60
  const x1 = W - 20
  const y0 = 10
  const y1 = H - 30
  const maxX = Math.max(1, ...pts.map((l) => l.outputTokensPerS)) * 1.05
  const maxY = Math.max(1, ...pts.map((l) => l.ttftMs?.p95 ?? 0)) * 1.05
  const sx = (v: number) => x0 + (v / maxX) * (x1 - x0)
  const sy = (v: number) => y1 - (v / maxY) * (y1 - y0)
  const series = results.map(({ model, result }, i) => {
    const color = COLORS[i % COLORS.length]!
    const ls = result.levels.filter((l) => l.ttftMs)
    const path = (f: (l: LevelResult) => number) =>
      ls.map((l, k) => `${k === 0 ? 'M' : 'L'}${sx(l.outputTokensPerS).toFixed(1)},${sy(f(l)).toFixed(1)}`).join(' ')
    const labels = ls
      .map(
        (l) =>
          `<circle cx="${sx(l.outputTokensPerS).toFixed(1)}" cy="${sy(l.ttftMs!.p50).toFixed(1)}" r="3" fill="${color}"/><text x="${(sx(l.outputTokensPerS) + 5).toFixed(1)}" y="${(sy(l.ttftMs!.p50) - 5).toFixed(1)}" font-size="10" fill="${color}">${l.level}</text>`,
      )
      .join('')
    return `<path d="${path((l) => l.ttftMs!.p50)}" fill="none" stroke="${color}" stroke-width="2"><title>${esc(model)} p50</title></path><path d="${path((l) => l.ttftMs!.p95)}" fill="none" stroke="${color}" stroke-dasharray="5 4"><title>${esc(model)} p95</title></path>${labels}`
  })
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Throughput against TTFT">
<line x1="${x0}" y1="${y1}" x2="${x1}" y2="${y1}" stroke="#99a"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}" stroke="#99a"/>
<text x="${x1}" y="${H - 6}" font-size="11" text-anchor="end">output tokens/s → ${maxX.toFixed(0)}</text>
<text x="${x0 + 4}" y="${y0 + 10}" font-size="11">TTFT ${esc(fmtMs(maxY))}</text>
${series.join('\n')}</svg>`
}
