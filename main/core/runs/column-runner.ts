/**
 * Drives one column iteration to its end: reads the engine's chunks, hands
 * their parts to the frame batcher, then records and reports how it ended
 * (`column-finished` with timing, usage and cost, or `column-failed` with the
 * mapped error). It never throws: one column's failure is its own.
 */
import type { RunEvent } from '../../common/api'
import type { EngineStream } from '../engine'
import { chunkToParts } from './chunk-to-parts'
import { toColumnError } from './error-mapping'
import type { FrameBatcher } from './frame-batcher'
import type { ColumnTarget } from './resolve-call'
import type { RunRecorder } from './run-recorder'
import type { ColumnOutcome } from './stats'

export interface ColumnRun {
  runId: string
  iteration: number
  columnId: string
  target: ColumnTarget
  stream: Promise<EngineStream>
  signal: AbortSignal
  batcher: FrameBatcher
  recorder: RunRecorder
  emit: (event: RunEvent) => void
  secrets: readonly string[]
}

export async function runColumn(c: ColumnRun): Promise<ColumnOutcome> {
  const { runId, iteration, columnId } = c
  let stream: EngineStream | null = null
  let finished = false
  /** Token-bearing chunks so far: a failure after some is not a failure to connect. */
  let chunks = 0
  try {
    stream = await c.stream
    for await (const chunk of stream) {
      const parts = chunkToParts(chunk)
      if (parts.some((p) => p.type === 'finish')) finished = true
      if (parts.some((p) => p.type === 'text' || p.type === 'reasoning' || p.type === 'tool_call')) chunks++
      c.batcher.push(iteration, columnId, parts)
    }
    // A stream that ends quietly after our abort, without a finish, was cut short.
    if (c.signal.aborted && !finished) throw abortError()
  } catch (err) {
    c.batcher.flushNow()
    const error = toColumnError(c.signal.aborted ? abortError() : err, {
      ...c.target.errorContext,
      secrets: c.secrets,
      chunksBefore: chunks,
    })
    const timing = stream?.timing ?? null
    c.recorder.columnEnded(runId, { columnId, iteration, timing, usage: stream?.usage ?? null, error, costUsd: null })
    c.emit({ type: 'column-failed', runId, iteration, columnId, error, timing })
    return { columnId, iteration, ok: false, timing }
  }
  c.batcher.flushNow()
  const timing = stream.timing
  const usage = stream.usage
  if (!timing || !usage) {
    // The engine sets both when a stream ends; their absence is an engine bug, shown as such.
    const error = toColumnError(new Error('the engine ended the stream without timing or usage'), {
      ...c.target.errorContext,
      secrets: c.secrets,
    })
    c.recorder.columnEnded(runId, { columnId, iteration, timing, usage, error, costUsd: null })
    c.emit({ type: 'column-failed', runId, iteration, columnId, error, timing })
    return { columnId, iteration, ok: false, timing }
  }
  const costUsd = c.target.cost(usage.prompt_tokens, usage.completion_tokens)
  c.recorder.columnEnded(runId, { columnId, iteration, timing, usage, error: null, costUsd })
  c.emit({ type: 'column-finished', runId, iteration, columnId, timing, usage, costUsd })
  return { columnId, iteration, ok: true, timing }
}

function abortError(): Error {
  const err = new Error('aborted')
  err.name = 'AbortError'
  return err
}
