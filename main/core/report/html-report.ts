/**
 * The self-contained HTML report of a run (the CLI writes it; the app exports any run
 * as the same file): inline CSS and SVG, no script, no external resource, so it opens
 * anywhere and can be attached to a CI job. Every text from the run is escaped.
 */
import { SLO_METRICS } from '../../common/slo'
import { fmtCv, fmtMeanCi, fmtMs, fmtRate, fmtShare, METRIC_NAMES, pctlCells } from './report-format'
import type { ReportColumn, ReportModel } from './report-model'
import { distributionSvg, phasesSvg, raceSvg } from './svg-charts'

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1d2430;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
.meta{color:#5b6575;font-size:12px}.prompt{white-space:pre-wrap;background:#f4f6f9;padding:8px 10px;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{padding:4px 8px;border-bottom:1px solid #e6e9ef;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#137333}.bad{color:#b3261e;font-weight:600}
.faint{color:#8a93a3}.legend span{display:inline-block;margin-right:14px}.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
.gate{padding:8px 12px;border-radius:6px;font-weight:600}.gate.pass{background:#e6f4ea;color:#137333}.gate.fail{background:#fce8e6;color:#b3261e}
dl{font-size:12.5px}dt{font-weight:600;margin-top:6px}dd{margin:0 0 0 12px;color:#3c4454}svg{max-width:100%}
`

export const COLORS = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626']

export function htmlReport(model: ReportModel, title = 'EdgeQuake latency report'): string {
  const colored = model.columns.map((c, i) => ({ ...c, color: COLORS[i % COLORS.length]! }))
  const legend = colored
    .map((c) => `<span><i class="sw" style="background:${c.color}"></i>${esc(c.label)}</span>`)
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head><body>
<h1>${esc(title)}</h1>
<p class="meta">Run ${esc(model.runId)} · ${esc(new Date(model.createdAt).toISOString())} · ${model.iterations} iteration(s) · status ${esc(model.status)}</p>
<div class="prompt">${esc(model.prompt)}</div>
${gate(model)}
<h2>Summary</h2>
${statsTable(model.columns)}
${comparisonList(model)}
<h2>Race: tokens over time (first finished iteration)</h2>
<p class="legend">${legend}</p>
${raceSvg(colored)}
<h2>Distributions: TTFT of every run</h2>
${distributionSvg(colored, (c) => c.stats.ttftMs)}
<h2>Where time to first token went (median run)</h2>
${phasesSvg(colored)}
${sloTable(model)}
<h2>Definitions</h2>
${DEFINITIONS}
<p class="meta">Written by EdgeQuake Playground. Percentiles are nearest-rank; p90 needs 10 runs and p99 100, else “n too small”.</p>
</body></html>
`
}

function gate(model: ReportModel): string {
  if (!model.slo) return ''
  return model.sloPassed
    ? '<p class="gate pass">SLO gate passed: every model met its goodput target.</p>'
    : '<p class="gate fail">SLO gate failed: at least one model has runs outside the SLO.</p>'
}

function statsTable(columns: ReportColumn[]): string {
  const head = [
    'Model',
    'Runs',
    'TTFT p50',
    'p90',
    'p99',
    'TTFT mean ± 95% CI',
    'TTFT CV',
    'TTFA p50',
    'Thinking p50',
    'TTST p50',
    'TPOT p50',
    'ITL p95 (p50 of runs)',
    'Decode p50',
    'Total p50',
    'Goodput',
  ]
  const rows = columns.map((c) => {
    const s = c.stats
    const cells = [
      ...pctlCells(s.ttftMs),
      fmtMeanCi(s.ttftMs),
      fmtCv(s.ttftMs),
      fmtMs(s.ttfaMs?.p50),
      fmtMs(s.thinkingMs?.p50),
      fmtMs(s.ttstMs?.p50),
      fmtMs(s.tpotMs?.p50),
      fmtMs(s.itlP95Ms?.p50),
      fmtRate(s.decodeTokensPerS?.p50),
      fmtMs(s.totalMs?.p50),
      s.goodput ? `${fmtShare(s.goodput.share)} (${s.goodput.within}/${s.goodput.runs})` : '—',
    ]
    const runs = s.failures > 0 ? `${s.runs - s.failures}/${s.runs}` : String(s.runs)
    return `<tr><td>${esc(c.label)}</td><td class="num">${runs}</td>${cells.map((v) => `<td class="num">${esc(v)}</td>`).join('')}</tr>`
  })
  return `<table><thead><tr>${head.map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function comparisonList(model: ReportModel): string {
  if (model.comparisons.length === 0) return ''
  const items = model.comparisons.map(({ metric, a, b, verdict }) => {
    const name = METRIC_NAMES[metric]
    if (verdict.faster) {
      const [win, lose] = verdict.faster === 'a' ? [a, b] : [b, a]
      return `<li><b>${esc(win)}</b> is faster than ${esc(lose)} on ${name} (p = ${verdict.p!.toFixed(3)})</li>`
    }
    const why = verdict.reason ?? `no significant difference (p = ${verdict.p!.toFixed(3)})`
    return `<li class="faint">${esc(a)} vs ${esc(b)} on ${name}: ${esc(why)}</li>`
  })
  return `<h2>Which is faster</h2><p class="meta">${esc(model.comparisons[0]!.verdict.method.replace(/ \(.*\)$/, ''))} on the runs' values.</p><ul>${items.join('')}</ul>`
}

function sloTable(model: ReportModel): string {
  if (!model.slo) return ''
  const limits = SLO_METRICS.filter(({ key }) => model.slo![key] !== undefined)
    .map(({ key, label }) => `${label} ≤ ${fmtMs(model.slo![key])}`)
    .join(', ')
  const label = new Map(model.columns.map((c) => [c.columnId, c.label]))
  const rows = model.runs.map((r) => {
    const status = r.verdict!.within ? '<span class="ok">within</span>' : '<span class="bad">outside</span>'
    const cells = [fmtMs(r.ttftMs), fmtMs(r.ttfaMs), fmtMs(r.itlP95Ms), fmtMs(r.e2eMs)]
    return `<tr><td>${esc(label.get(r.columnId) ?? r.columnId)}</td><td class="num">${r.iteration + 1}</td><td>${r.promptCache ?? ''}</td>${cells.map((v) => `<td class="num">${v}</td>`).join('')}<td>${status}${r.error ? ` <span class="faint">${esc(r.error)}</span>` : ''}</td></tr>`
  })
  return `<h2>SLO: ${esc(limits)}</h2><table><thead><tr><th>Model</th><th class="num">Run</th><th>Cache</th><th class="num">TTFT</th><th class="num">TTFA</th><th class="num">ITL p95</th><th class="num">End-to-end</th><th>Verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

const DEFINITIONS = `<dl>
<dt>TTFT</dt><dd>Request start to the first token of any kind (reasoning, answer or tool call).</dd>
<dt>TTFA</dt><dd>Request start to the first answer token (content or tool call): AIPerf's time to first output token. Thinking = TTFA − TTFT.</dd>
<dt>TTST</dt><dd>The gap between the first and the second token-bearing arrival (AIPerf's time to second token).</dd>
<dt>TPOT</dt><dd>(end − first token) / (tokens − 1), as vLLM defines it.</dd>
<dt>ITL</dt><dd>Token inter-token latency: each network arrival's gap split evenly over the tokens it carried; the provider's token total is apportioned over arrivals by characters (an estimate when the provider reports none).</dd>
<dt>95% CI</dt><dd>Mean ± t(0.975, n−1)·s/√n. CV = s/mean, graded as AIPerf: below 5% excellent, above 20% unstable.</dd>
<dt>Faster</dt><dd>Two-sided Mann–Whitney U rank test at α = 0.05 (exact without ties up to 50 runs a side).</dd>
<dt>Goodput</dt><dd>The share of runs within every SLO limit; a failed run is outside.</dd>
</dl>`
