/**
 * Exports of a run, exactly as it was shown: JSON (request, every column's
 * output and timing, the statistics) and CSV (one row per column × iteration
 * with its metrics). Neither can hold a key: requests never carry one and
 * error messages were scrubbed before they were stored.
 */
import type { HistoryColumn, HistoryRun } from '../../common/api'
import { modelLabel } from '../../common/model-ref'

export const EXPORT_FORMAT = 'edgequake-playground/run@1'

export function exportJson(run: HistoryRun): string {
  return `${JSON.stringify(
    {
      format: EXPORT_FORMAT,
      runId: run.runId,
      createdAt: new Date(run.createdAt).toISOString(),
      status: run.status,
      request: run.request,
      columns: run.columns,
      stats: run.stats,
    },
    null,
    2,
  )}\n`
}

const CSV_COLUMNS: Array<[string, (run: HistoryRun, c: HistoryColumn) => string | number | boolean | null]> = [
  ['run_id', (r) => r.runId],
  ['created_at', (r) => new Date(r.createdAt).toISOString()],
  ['column_id', (_, c) => c.columnId],
  ['model', (_, c) => c.model],
  ['iteration', (_, c) => c.iteration],
  [
    'status',
    (_, c) => (c.error ? (c.error.name === 'AbortError' ? 'stopped' : 'failed') : c.timing ? 'ok' : 'unfinished'),
  ],
  ['error', (_, c) => (c.error ? `${c.error.name}: ${c.error.message}` : null)],
  ['ttft_ms', (_, c) => c.timing?.first_token_ms ?? null],
  ['decode_tokens_per_s', (_, c) => c.timing?.decode_tokens_per_s ?? null],
  ['e2e_tokens_per_s', (_, c) => c.timing?.e2e_tokens_per_s ?? null],
  ['total_ms', (_, c) => c.timing?.end_ms ?? null],
  ['output_tokens', (_, c) => c.timing?.output_tokens ?? null],
  ['output_tokens_source', (_, c) => c.timing?.output_tokens_source ?? null],
  ['prompt_tokens', (_, c) => c.usage?.prompt_tokens ?? null],
  ['completion_tokens', (_, c) => c.usage?.completion_tokens ?? null],
  ['cost_usd', (_, c) => c.costUsd],
  ['reused_connection', (_, c) => c.timing?.reused_connection ?? null],
  ['dns_ms', (_, c) => c.timing?.dns_ms ?? null],
  ['connect_ms', (_, c) => c.timing?.connect_ms ?? null],
  ['tls_ms', (_, c) => c.timing?.tls_ms ?? null],
  ['headers_ms', (_, c) => c.timing?.headers_ms ?? null],
  ['buffered', (_, c) => c.timing?.buffered ?? null],
  ['output_chars', (_, c) => c.output.length],
  // The same model id can come from a provider or a custom endpoint: these say which (added last, so
  // spreadsheets built on the earlier columns keep working).
  ['endpoint', (r, c) => specOf(r, c)?.endpointName ?? specOf(r, c)?.endpointId ?? null],
  [
    'model_label',
    (r, c) => {
      const spec = specOf(r, c)
      return spec ? modelLabel(spec) : c.model
    },
  ],
]

function specOf(run: HistoryRun, c: HistoryColumn) {
  return run.request.columns.find((s) => s.columnId === c.columnId)
}

export function exportCsv(run: HistoryRun): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')]
  for (const c of run.columns) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(run, c))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** RFC 4180 quoting; text cells that a spreadsheet would run as a formula get a leading quote. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  if (typeof value !== 'string') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
