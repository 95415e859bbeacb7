/**
 * What a run writes as it goes (implemented by the history store). Every call
 * is synchronous and durable when it returns: the run manager calls it BEFORE
 * emitting the matching event, so a crash never loses anything already shown.
 * A call that throws (a StorageError from the history store) means nothing of
 * it was saved: the run does not emit it, and stops the columns concerned
 * with an error saying so (see history-failure.ts).
 */
import type { ColumnStats, HistorySummary, RunRequest } from '../../common/api'
import type { ColumnError } from '../../common/errors'
import type { Timing, Usage } from '../../common/timing'

/** The text that arrived for one column iteration within one frame. */
export interface ColumnFrame {
  columnId: string
  iteration: number
  text: string
  reasoning: string
}

export interface ColumnEnd {
  columnId: string
  iteration: number
  timing: Timing | null
  usage: Usage | null
  error: ColumnError | null
  costUsd: number | null
}

export interface RunRecorder {
  runStarted(runId: string, request: RunRequest, createdAt: number): void
  columnsStarted(runId: string, columns: Array<{ columnId: string; iteration: number; model: string }>): void
  /** One frame of text for any number of columns: one transaction. */
  framesArrived(runId: string, frames: ColumnFrame[]): void
  columnEnded(runId: string, end: ColumnEnd): void
  runEnded(runId: string, status: HistorySummary['status'], stats: ColumnStats[]): void
}

/** Records nothing: for tests that only look at events. */
export const nullRecorder: RunRecorder = {
  runStarted() {},
  columnsStarted() {},
  framesArrived() {},
  columnEnded() {},
  runEnded() {},
}
