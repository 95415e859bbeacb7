/**
 * One run in flight: its iterations (sequential or concurrent), the abort
 * controller of every column iteration, and the outcomes the final statistics
 * are computed from. Columns of an iteration are started in one synchronous
 * loop after all async preparation (key lookup, prewarm, history rows), and
 * each column's start offset from the loop's start is reported as its skew.
 */
import type { ColumnSpec, HistorySummary, RunEvent, RunRequest } from '../../common/api'
import type { ColumnError } from '../../common/errors'
import type { Engine, EngineStream } from '../engine'
import { type ColumnRun, runColumn } from './column-runner'
import { ContentScrubber } from './content-scrubber'
import { FrameBatcher, type PendingFrame } from './frame-batcher'
import { historyWriteError, STOPPED_UNSAVED } from './history-failure'
import type { ColumnTarget } from './resolve-call'
import type { RunRecorder } from './run-recorder'
import { type ColumnOutcome, columnStats } from './stats'

export interface ActiveRunDeps {
  engine: Engine
  recorder: RunRecorder
  now: () => number
  frameMs?: number
  /** Seconds a prewarm may take before the column starts cold anyway. */
  warmTimeoutS?: number
  log: (message: string) => void
}

interface Launch {
  iteration: number
  column: ColumnSpec
  target: ColumnTarget
}

export class ActiveRun {
  readonly #controllers = new Map<string, AbortController>()
  readonly #stoppedColumns = new Set<string>()
  #stoppedAll = false
  readonly #outcomes: ColumnOutcome[] = []
  readonly #batcher: FrameBatcher
  /** Column iterations whose output could not be saved: stopped, their later parts dropped unshown. */
  readonly #unsaved = new Map<string, ColumnError>()

  constructor(
    readonly runId: string,
    private readonly request: RunRequest,
    private readonly targets: Map<string, ColumnTarget>,
    private readonly secrets: readonly string[],
    private readonly deps: ActiveRunDeps,
    private readonly emit: (event: RunEvent) => void,
  ) {
    this.#batcher = new FrameBatcher((frames) => this.#flushFrames(frames), deps.frameMs)
  }

  /** Stops one column (and its later iterations) or the whole run; what arrived is kept. */
  stop(columnId?: string): void {
    if (columnId === undefined) this.#stoppedAll = true
    else this.#stoppedColumns.add(columnId)
    for (const [key, controller] of this.#controllers) {
      if (columnId === undefined || key.endsWith(`\u0000${columnId}`)) controller.abort()
    }
  }

  async run(): Promise<void> {
    const count = this.request.repeat?.count ?? 1
    const all = Array.from({ length: count }, (_, i) => i)
    if (this.request.repeat?.mode === 'concurrent') await this.#iterate(all)
    else for (const i of all) await this.#iterate([i])
    this.#batcher.flushNow()
    const stats = columnStats(this.request.columns, this.#outcomes)
    try {
      this.deps.recorder.runEnded(this.runId, this.#status(), stats)
    } catch (err) {
      // Every column's output and end are saved (or their columns said otherwise); the
      // statistics are computed from them again when the run is opened from history.
      this.deps.log(`run ${this.runId}: ${(err as Error).message}`)
    }
    this.emit({ type: 'run-finished', runId: this.runId, stats })
  }

  #status(): HistorySummary['status'] {
    if (this.#stoppedAll || this.#stoppedColumns.size > 0) return 'stopped'
    if (this.#outcomes.length > 0 && this.#outcomes.every((o) => !o.ok)) return 'failed'
    return 'done'
  }

  async #iterate(iterations: number[]): Promise<void> {
    let launches = this.#pending(iterations)
    if (launches.length === 0) return
    const warmed = this.request.prewarm ? await this.#prewarm(launches) : new Set<string>()
    launches = this.#pending(iterations) // a stop may have come during the prewarm
    if (launches.length === 0) return
    const { runId } = this
    try {
      this.deps.recorder.columnsStarted(
        runId,
        launches.map((l) => ({ columnId: l.column.columnId, iteration: l.iteration, model: l.column.model })),
      )
    } catch (err) {
      // Nothing of these columns could be saved: they do not start, and say why.
      const error = historyWriteError(err, 'The column was not started.', this.secrets)
      this.deps.log(`run ${runId}: ${error.message}`)
      for (const l of launches) {
        const { columnId } = l.column
        this.emit({ type: 'column-failed', runId, iteration: l.iteration, columnId, error, timing: null })
        this.#outcomes.push({ columnId, iteration: l.iteration, ok: false, timing: null })
      }
      return
    }
    // The start loop: nothing async, nothing emitted, until every column has been called.
    const t0 = this.deps.now()
    const started = launches.map((l) => {
      const startSkewMs = this.deps.now() - t0
      const controller = new AbortController()
      this.#controllers.set(columnKey(l.iteration, l.column.columnId), controller)
      return { ...l, startSkewMs, controller, stream: this.#call(l.target, controller.signal) }
    })
    for (const s of started) {
      this.emit({
        type: 'column-started',
        runId,
        iteration: s.iteration,
        columnId: s.column.columnId,
        startSkewMs: round3(s.startSkewMs),
        warm: warmed.has(s.column.columnId),
      })
    }
    const outcomes = await Promise.all(
      started.map((s) => {
        const run: ColumnRun = {
          runId,
          iteration: s.iteration,
          columnId: s.column.columnId,
          target: s.target,
          stream: s.stream,
          signal: s.controller.signal,
          batcher: this.#batcher,
          recorder: this.deps.recorder,
          emit: this.emit,
          secrets: this.secrets,
          scrubber: new ContentScrubber(this.secrets),
          unsaved: () => this.#unsaved.get(columnKey(s.iteration, s.column.columnId)) ?? null,
          log: this.deps.log,
        }
        return runColumn(run)
      }),
    )
    this.#outcomes.push(...outcomes)
    for (const s of started) this.#controllers.delete(columnKey(s.iteration, s.column.columnId))
  }

  #pending(iterations: number[]): Launch[] {
    if (this.#stoppedAll) return []
    const launches: Launch[] = []
    for (const iteration of iterations) {
      for (const column of this.request.columns) {
        if (this.#stoppedColumns.has(column.columnId)) continue
        launches.push({ iteration, column, target: this.targets.get(column.columnId)! })
      }
    }
    return launches
  }

  #call(target: ColumnTarget, signal: AbortSignal): Promise<EngineStream> {
    try {
      const stream = this.deps.engine.stream({ ...target.call, signal })
      // Handled by the column runner; this keeps an early rejection from counting as unhandled.
      stream.catch(() => {})
      return stream
    } catch (err) {
      return Promise.reject(err)
    }
  }

  /** Opens a pooled connection per distinct host before the start loop; returns the columns that are warm. */
  async #prewarm(launches: Launch[]): Promise<Set<string>> {
    const byColumn = new Map<string, ColumnTarget>()
    for (const l of launches) if (!l.target.simulated) byColumn.set(l.column.columnId, l.target)
    const warmed = new Set<string>()
    const timeout = this.deps.warmTimeoutS ?? 5
    const seen = new Map<string, Promise<boolean>>()
    await Promise.all(
      [...byColumn].map(async ([columnId, target]) => {
        const { model, api_base, api_key } = target.call
        const key = `${model.split('/')[0]}\u0000${api_base ?? ''}`
        let ok = seen.get(key)
        if (!ok) {
          const params: { model: string; api_base?: string; api_key?: string; timeout: number } = { model, timeout }
          if (api_base !== undefined) params.api_base = api_base
          if (api_key !== undefined) params.api_key = api_key
          ok = this.deps.engine.warm(params).then(
            (r) => r.ok,
            () => false,
          )
          seen.set(key, ok)
        }
        if (await ok) warmed.add(columnId)
      }),
    )
    return warmed
  }

  #flushFrames(all: PendingFrame[]): void {
    const frames = all.filter((f) => !this.#unsaved.has(columnKey(f.iteration, f.columnId)))
    if (frames.length === 0) return
    // Persist first, then show: a crash after this line loses nothing the user saw.
    try {
      this.deps.recorder.framesArrived(
        this.runId,
        frames.map((f) => ({
          columnId: f.columnId,
          iteration: f.iteration,
          text: joinText(f, 'text'),
          reasoning: joinText(f, 'reasoning'),
        })),
      )
    } catch (err) {
      // Not saved, so not shown: stop these columns; each ends with this error (column-runner).
      const error = historyWriteError(err, STOPPED_UNSAVED, this.secrets)
      this.deps.log(`run ${this.runId}: ${error.message}`)
      for (const f of frames) {
        const key = columnKey(f.iteration, f.columnId)
        this.#unsaved.set(key, error)
        this.#controllers.get(key)?.abort()
      }
      return
    }
    for (const f of frames) {
      this.emit({ type: 'parts', runId: this.runId, iteration: f.iteration, columnId: f.columnId, parts: f.parts })
    }
  }
}

function columnKey(iteration: number, columnId: string): string {
  return `${iteration}\u0000${columnId}`
}

function joinText(frame: PendingFrame, type: 'text' | 'reasoning'): string {
  let out = ''
  for (const p of frame.parts) if (p.type === type) out += p.text
  return out
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
