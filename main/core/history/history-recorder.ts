/**
 * Writes runs into the history database as they happen (the RunRecorder the
 * run manager calls before each event goes out). A frame's text is appended to
 * its column rows in one transaction per frame, not per chunk; starts and ends
 * are fsynced (see HistoryDb.transaction). A failed write throws a
 * StorageError naming what was not saved, where, and why (disk full, read-only,
 * locked): the run stops what it cannot save instead of showing it.
 */
import type { RunRequest } from '../../common/api'
import { modelLabel } from '../../common/model-ref'
import type { RunRecorder } from '../runs/run-recorder'
import { storageFailure } from '../storage/storage-error'
import type { HistoryDb } from './history-db'

const WHAT: Record<keyof RunRecorder, string> = {
  runStarted: 'This run',
  columnsStarted: "This column's start",
  framesArrived: "This column's output",
  columnEnded: "This column's end (timing, usage, error)",
  runEnded: "This run's statistics",
}

export function createHistoryRecorder(h: HistoryDb): RunRecorder {
  const recorder = createRawRecorder(h)
  const guarded = {} as RunRecorder
  for (const name of Object.keys(WHAT) as Array<keyof RunRecorder>) {
    const fn = recorder[name] as (...args: unknown[]) => void
    ;(guarded[name] as (...args: unknown[]) => void) = (...args) => {
      try {
        fn(...args)
      } catch (err) {
        throw storageFailure(err, h.path, WHAT[name])
      }
    }
  }
  return guarded
}

function createRawRecorder(h: HistoryDb): RunRecorder {
  const { db } = h
  return {
    runStarted(runId, request, createdAt) {
      h.transaction(
        () =>
          db.run(
            `INSERT INTO runs (id, created_at, request, prompt, models, iterations, status)
         VALUES (?, ?, ?, ?, ?, ?, 'running')`,
            [
              runId,
              createdAt,
              JSON.stringify(request),
              promptOf(request),
              // Labels, so the list and its search name a custom endpoint's model as such.
              JSON.stringify(request.columns.map((c) => modelLabel(c))),
              request.repeat?.count ?? 1,
            ],
          ),
        { durable: true },
      )
    },
    columnsStarted(runId, columns) {
      h.transaction(() => {
        for (const c of columns) {
          db.run(`INSERT OR REPLACE INTO columns (run_id, column_id, iteration, model) VALUES (?, ?, ?, ?)`, [
            runId,
            c.columnId,
            c.iteration,
            c.model,
          ])
        }
      })
    },
    framesArrived(runId, frames) {
      h.transaction(() => {
        for (const f of frames) {
          if (!f.text && !f.reasoning) continue
          db.run(
            `UPDATE columns SET output = output || ?, reasoning = reasoning || ?
             WHERE run_id = ? AND column_id = ? AND iteration = ?`,
            [f.text, f.reasoning, runId, f.columnId, f.iteration],
          )
        }
      })
    },
    columnEnded(runId, end) {
      h.transaction(
        () =>
          db.run(
            `UPDATE columns SET timing = ?, usage = ?, error = ?, cost = ?
         WHERE run_id = ? AND column_id = ? AND iteration = ?`,
            [json(end.timing), json(end.usage), json(end.error), end.costUsd, runId, end.columnId, end.iteration],
          ),
        { durable: true },
      )
    },
    runEnded(runId, status, stats) {
      h.transaction(
        () => db.run('UPDATE runs SET status = ?, stats = ? WHERE id = ?', [status, JSON.stringify(stats), runId]),
        {
          durable: true,
        },
      )
    },
  }
}

/** What the history list shows and searches: the last user turn. */
export function promptOf(request: RunRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const m = request.messages[i]!
    if (m.role === 'user') return m.content
  }
  return request.messages[0]?.content ?? ''
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}
