/**
 * Reading the history: the list (newest first, optionally filtered by a search
 * over prompt, models and outputs), one run in full, and deletion.
 */
import type { ColumnStats, HistoryColumn, HistoryRun, HistorySummary, RunRequest } from '../../common/api'
import type { HistoryDb } from './history-db'

export const LIST_LIMIT = 500
const PROMPT_PREVIEW = 300

type Row = Record<string, unknown>

export interface HistoryQueries {
  list(query?: string): HistorySummary[]
  get(runId: string): HistoryRun | null
  delete(runId: string): void
}

export function createHistoryQueries(h: HistoryDb): HistoryQueries {
  const { db } = h
  return {
    list(query) {
      const q = query?.trim()
      const rows = q
        ? db.all(
            `SELECT * FROM runs
             WHERE prompt LIKE ?1 ESCAPE '\\' OR models LIKE ?1 ESCAPE '\\'
                OR id IN (SELECT run_id FROM columns WHERE output LIKE ?1 ESCAPE '\\' OR model LIKE ?1 ESCAPE '\\')
             ORDER BY created_at DESC, rowid DESC LIMIT ?2`,
            [`%${escapeLike(q)}%`, LIST_LIMIT],
          )
        : db.all('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?', [LIST_LIMIT])
      return rows.map((r) => summary(r as Row, PROMPT_PREVIEW))
    },
    get(runId) {
      const row = db.get('SELECT * FROM runs WHERE id = ?', [runId]) as Row | null
      if (!row) return null
      const request = JSON.parse(String(row.request)) as RunRequest
      const order = new Map(request.columns.map((c, i) => [c.columnId, i]))
      const columns = (db.all('SELECT * FROM columns WHERE run_id = ?', [runId]) as Row[])
        .map(column)
        .sort((a, b) => a.iteration - b.iteration || (order.get(a.columnId) ?? 99) - (order.get(b.columnId) ?? 99))
      return {
        ...summary(row, Number.POSITIVE_INFINITY),
        request,
        columns,
        stats: JSON.parse(String(row.stats)) as ColumnStats[],
      }
    },
    delete(runId) {
      h.transaction(() => {
        db.run('DELETE FROM columns WHERE run_id = ?', [runId])
        db.run('DELETE FROM runs WHERE id = ?', [runId])
      })
    },
  }
}

function summary(r: Row, promptMax: number): HistorySummary {
  const prompt = String(r.prompt)
  return {
    runId: String(r.id),
    createdAt: Number(r.created_at),
    prompt: prompt.length > promptMax ? `${prompt.slice(0, promptMax)}…` : prompt,
    models: JSON.parse(String(r.models)) as string[],
    iterations: Number(r.iterations),
    status: String(r.status) as HistorySummary['status'],
  }
}

function column(r: Row): HistoryColumn {
  const out: HistoryColumn = {
    columnId: String(r.column_id),
    model: String(r.model),
    iteration: Number(r.iteration),
    output: String(r.output),
    reasoning: String(r.reasoning),
    timing: parse(r.timing),
    usage: parse(r.usage),
    error: parse(r.error),
    costUsd: r.cost === null || r.cost === undefined ? null : Number(r.cost),
  }
  const arrivals = parse<HistoryColumn['arrivals']>(r.arrivals)
  if (arrivals) out.arrivals = arrivals
  if (r.prompt_cache === 'cold' || r.prompt_cache === 'warm') out.promptCache = r.prompt_cache
  return out
}

function parse<T>(v: unknown): T | null {
  return typeof v === 'string' ? (JSON.parse(v) as T) : null
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
