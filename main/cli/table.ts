/** The summary the CLI prints: one row per model, columns aligned, numbers right-aligned. */
import { fmtMs, fmtShare, pctlCells } from '../core/report/report-format'
import type { ReportModel } from '../core/report/report-model'

export function summaryTable(model: ReportModel): string {
  const head = ['Model', 'Runs', 'TTFT p50', 'p90', 'p99', 'TTFA p50', 'ITL p95', 'Total p50', 'Goodput']
  const rows = model.columns.map((c) => {
    const s = c.stats
    return [
      c.label,
      s.failures > 0 ? `${s.runs - s.failures}/${s.runs}` : String(s.runs),
      ...pctlCells(s.ttftMs),
      fmtMs(s.ttfaMs?.p50),
      fmtMs(s.itlP95Ms?.p50),
      fmtMs(s.totalMs?.p50),
      s.goodput ? `${fmtShare(s.goodput.share)} (${s.goodput.within}/${s.goodput.runs})` : '—',
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
