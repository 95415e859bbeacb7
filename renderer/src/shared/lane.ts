import type { RunEvent } from '../../../main/common/api'
import type { ColumnError } from '../../../main/common/errors'
import type { Timing, Usage } from '../../../main/common/timing'

export type LaneStatus = 'queued' | 'waiting' | 'streaming' | 'done' | 'failed' | 'stopped'

/** A column's run state: changes a few times per run, plus once per frame while streaming. */
export interface Lane {
  columnId: string
  model: string
  /** How the model is shown (`modelLabel`): names the custom endpoint that serves it. */
  label: string
  /** Set when a custom endpoint serves the model. */
  endpointId?: string
  /** The iteration shown (the latest started). */
  iteration: number
  status: LaneStatus
  startSkewMs: number | null
  warm: boolean | null
  /** Local clock (ms) when the shown iteration started: drives the live total time. */
  startedAt: number | null
  timing: Timing | null
  usage: Usage | null
  costUsd: number | null
  error: ColumnError | null
  /** The stream buffer's version at the last frame flush: what components render. */
  version: number
  /** Iterations of this column that have ended, for "Run ×N" progress. */
  ended: number
  /** The token estimate shown live when the call ended, kept to show how the provider's count differed. */
  liveEstimate: { tokens: number; decodeTps: number | null } | null
}

/** One ended iteration of one column, kept for the Run ×N view. */
export interface IterationResult {
  columnId: string
  model: string
  label: string
  iteration: number
  warm: boolean | null
  timing: Timing | null
  error: ColumnError | null
}

export function queuedLane(columnId: string, model: string, label = model, endpointId?: string): Lane {
  return {
    columnId,
    model,
    label,
    ...(endpointId ? { endpointId } : {}),
    iteration: 0,
    status: 'queued',
    startSkewMs: null,
    warm: null,
    startedAt: null,
    timing: null,
    usage: null,
    costUsd: null,
    error: null,
    version: 0,
    ended: 0,
    liveEstimate: null,
  }
}

export function isActive(status: LaneStatus): boolean {
  return status === 'queued' || status === 'waiting' || status === 'streaming'
}

type Ended = Extract<RunEvent, { type: 'column-finished' | 'column-failed' }>

/** The lane after its shown iteration ended. */
export function endLane(lane: Lane, event: Ended, version: number): Lane {
  const ended = lane.ended + 1
  if (event.iteration !== lane.iteration) return { ...lane, ended }
  if (event.type === 'column-finished') {
    return { ...lane, ended, version, status: 'done', timing: event.timing, usage: event.usage, costUsd: event.costUsd }
  }
  const status = event.error.name === 'AbortError' ? 'stopped' : 'failed'
  return { ...lane, ended, version, status, timing: event.timing, error: event.error }
}

/** An error for a column whose run could not start at all. */
export function startError(message: string): ColumnError {
  return { name: 'RunError', message, status_code: null, retryable: true, hint: null }
}
