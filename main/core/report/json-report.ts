/**
 * The JSON report: the run as exported (request, every column's output, timing and
 * arrivals) plus the report's model (statistics, SLO verdicts, comparisons), so a CI
 * job can read any figure without parsing HTML.
 */
import type { HistoryRun } from '../../common/api'
import type { ReportModel } from './report-model'

export const REPORT_FORMAT = 'edgequake-playground/report@1'

export function jsonReport(run: HistoryRun, model: ReportModel): string {
  return `${JSON.stringify(
    {
      format: REPORT_FORMAT,
      runId: run.runId,
      createdAt: new Date(run.createdAt).toISOString(),
      status: run.status,
      request: run.request,
      slo: model.slo,
      sloPassed: model.sloPassed,
      columns: model.columns.map((c) => ({ columnId: c.columnId, label: c.label, stats: c.stats, phases: c.phases })),
      runs: model.runs,
      comparisons: model.comparisons,
      outputs: run.columns,
    },
    null,
    2,
  )}\n`
}
