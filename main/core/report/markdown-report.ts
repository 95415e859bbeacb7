/**
 * The Markdown report: the summary table, the verdicts and the SLO table, for a pull
 * request comment or a CI job summary. Table cells escape `|`.
 */
import { SLO_METRICS } from '../../common/slo'
import { fmtCv, fmtMeanCi, fmtMs, fmtShare, METRIC_NAMES, pctlCells } from './report-format'
import type { ReportModel } from './report-model'

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`

export function markdownReport(model: ReportModel, title = 'EdgeQuake latency report'): string {
  const lines = [`# ${title}`, '']
  lines.push(`Run \`${model.runId}\` · ${new Date(model.createdAt).toISOString()} · ${model.iterations} iteration(s)`)
  lines.push('')
  lines.push(`> ${cell(model.prompt.length > 300 ? `${model.prompt.slice(0, 300)}…` : model.prompt)}`)
  lines.push('')
  if (model.slo) {
    lines.push(model.sloPassed ? '**SLO gate: passed**' : '**SLO gate: FAILED**')
    lines.push('')
  }
  lines.push(
    row([
      'Model',
      'Runs',
      'TTFT p50',
      'p90',
      'p99',
      'mean ± 95% CI',
      'CV',
      'TTFA p50',
      'ITL p95',
      'Total p50',
      'Goodput',
    ]),
  )
  lines.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']))
  for (const c of model.columns) {
    const s = c.stats
    lines.push(
      row([
        c.label,
        s.failures > 0 ? `${s.runs - s.failures}/${s.runs}` : String(s.runs),
        ...pctlCells(s.ttftMs),
        fmtMeanCi(s.ttftMs),
        fmtCv(s.ttftMs),
        fmtMs(s.ttfaMs?.p50),
        fmtMs(s.itlP95Ms?.p50),
        fmtMs(s.totalMs?.p50),
        s.goodput ? `${fmtShare(s.goodput.share)} (${s.goodput.within}/${s.goodput.runs})` : '—',
      ]),
    )
  }
  const decided = model.comparisons.filter((c) => c.verdict.faster)
  if (model.comparisons.length > 0) {
    lines.push('', '## Which is faster', '')
    if (decided.length === 0) lines.push('No significant difference (Mann–Whitney U, two-sided, α = 0.05).')
    for (const { metric, a, b, verdict } of decided) {
      const [win, lose] = verdict.faster === 'a' ? [a, b] : [b, a]
      lines.push(
        `- **${cell(win)}** is faster than ${cell(lose)} on ${METRIC_NAMES[metric]} (p = ${verdict.p!.toFixed(3)})`,
      )
    }
  }
  if (model.slo) {
    const limits = SLO_METRICS.filter(({ key }) => model.slo![key] !== undefined)
      .map(({ key, label }) => `${label} ≤ ${fmtMs(model.slo![key])}`)
      .join(', ')
    const label = new Map(model.columns.map((c) => [c.columnId, c.label]))
    lines.push('', `## SLO: ${limits}`, '')
    lines.push(row(['Model', 'Run', 'Cache', 'TTFT', 'TTFA', 'ITL p95', 'End-to-end', 'Verdict']))
    lines.push(row(['---', '---:', '---', '---:', '---:', '---:', '---:', '---']))
    for (const r of model.runs) {
      lines.push(
        row([
          label.get(r.columnId) ?? r.columnId,
          String(r.iteration + 1),
          r.promptCache ?? '',
          fmtMs(r.ttftMs),
          fmtMs(r.ttfaMs),
          fmtMs(r.itlP95Ms),
          fmtMs(r.e2eMs),
          r.verdict!.within ? 'within' : `outside${r.error ? ` (${r.error})` : ''}`,
        ]),
      )
    }
  }
  lines.push('')
  return lines.join('\n')
}
