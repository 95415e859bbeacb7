/**
 * Runs one column iteration to its end: reads the engine's part batches, hands
 * the parts a column shows to the frame batcher, then records and reports how it ended
 * (`column-finished` with timing, usage and cost, or `column-failed` with the
 * mapped error). It never throws: one column's failure is its own. When its
 * output or its end cannot be saved, it ends with a HistoryWriteError instead
 * of showing what history does not hold.
 */
import type { RunEvent } from '../../common/api'
import type { ColumnError } from '../../common/errors'
import { type Arrival, addArrivals } from '../../common/measures'
import type { ColumnOutcome } from '../../common/run-stats'
import { shownParts } from '../../common/stream-parts'
import type { Timing, Usage } from '../../common/timing'
import { type EngineError, type EngineStream, engineError } from '../engine'
import type { ContentScrubber } from './content-scrubber'
import { toColumnError } from './error-mapping'
import type { FrameBatcher } from './frame-batcher'
import { historyWriteError } from './history-failure'
import type { ColumnTarget } from './resolve-call'
import type { RunRecorder } from './run-recorder'

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
  /** Removes key values from this column's content before it is stored or shown. */
  scrubber: ContentScrubber
  /** Set once a frame of this column could not be saved (the run aborted the column then). */
  unsaved: () => ColumnError | null
  log: (message: string) => void
  /** Whether a prompt cache could answer (the run's cache mode); kept with the outcome. */
  promptCache?: 'cold' | 'warm'
}

export async function runColumn(c: ColumnRun): Promise<ColumnOutcome> {
  let stream: EngineStream | null = null
  let finished = false
  /** What arrived when, for the measures beyond the engine's record (TTFA, token ITL). */
  const arrivals: Arrival[] = []
  /** Token-bearing parts so far (one per chunk): a failure after some is not a failure to connect. */
  let chunks = 0
  try {
    stream = await c.stream
    for await (const batch of stream) {
      const parts = shownParts(batch)
      for (const p of parts) {
        if (p.type === 'finish') finished = true
        else chunks++
      }
      addArrivals(arrivals, parts)
      c.batcher.push(c.iteration, c.columnId, c.scrubber.parts(parts))
      if (c.unsaved()) break
    }
    // A stream that ends quietly after our abort, without a finish, was cut short.
    if (c.signal.aborted && !finished) throw abortError()
  } catch (err) {
    c.batcher.push(c.iteration, c.columnId, c.scrubber.end())
    c.batcher.flushNow()
    const error =
      c.unsaved() ??
      toColumnError(c.signal.aborted ? abortError() : err, {
        ...c.target.errorContext,
        secrets: c.secrets,
        chunksBefore: chunks,
      })
    return fail(c, error, stream?.timing ?? null, stream?.usage ?? null, arrivals)
  }
  c.batcher.push(c.iteration, c.columnId, c.scrubber.end())
  c.batcher.flushNow()
  const unsaved = c.unsaved()
  if (unsaved) return fail(c, unsaved, stream.timing, stream.usage, arrivals)
  const timing = stream.timing
  const usage = stream.usage
  if (!timing || !usage) {
    // The engine sets both when a stream ends; their absence is an engine bug, shown as such.
    const error = toColumnError(new Error('the engine ended the stream without timing or usage'), {
      ...c.target.errorContext,
      secrets: c.secrets,
    })
    return fail(c, error, timing, usage, arrivals)
  }
  const costUsd = c.target.cost(usage.prompt_tokens, usage.completion_tokens)
  try {
    c.recorder.columnEnded(c.runId, {
      columnId: c.columnId,
      iteration: c.iteration,
      timing,
      usage,
      error: null,
      costUsd,
      arrivals,
    })
  } catch (err) {
    // The output is saved; its timing and usage are not: say so rather than show them.
    const error = historyWriteError(err, 'The output shown is saved; its timing and usage are not.', c.secrets)
    c.log(`run ${c.runId}: ${error.message}`)
    c.emit({ type: 'column-failed', runId: c.runId, iteration: c.iteration, columnId: c.columnId, error, timing: null })
    return { columnId: c.columnId, iteration: c.iteration, ok: false, timing: null, promptCache: c.promptCache }
  }
  c.emit({
    type: 'column-finished',
    runId: c.runId,
    iteration: c.iteration,
    columnId: c.columnId,
    timing,
    usage,
    costUsd,
  })
  return { columnId: c.columnId, iteration: c.iteration, ok: true, timing, usage, arrivals, promptCache: c.promptCache }
}

/** Records the failure, then shows it; if even that cannot be saved, the error shown says so. */
function fail(
  c: ColumnRun,
  error: ColumnError,
  timing: Timing | null,
  usage: Usage | null,
  arrivals: Arrival[],
): ColumnOutcome {
  let shown = error
  try {
    c.recorder.columnEnded(c.runId, {
      columnId: c.columnId,
      iteration: c.iteration,
      timing,
      usage,
      error,
      costUsd: null,
      arrivals,
    })
  } catch (err) {
    const unsaved = c.unsaved()
    // Already logged when the column's output failed to save.
    shown = unsaved ?? historyWriteError(err, `The column had ended with ${error.name}: ${error.message}`, c.secrets)
    if (!unsaved) c.log(`run ${c.runId}: ${shown.message}`)
  }
  c.emit({ type: 'column-failed', runId: c.runId, iteration: c.iteration, columnId: c.columnId, error: shown, timing })
  return { columnId: c.columnId, iteration: c.iteration, ok: false, timing, promptCache: c.promptCache }
}

/** The user stopped the column: the engine's own class, as if the engine had seen the abort. */
function abortError(): EngineError {
  return engineError('AbortError', 'the request was aborted by the caller')
}
