/**
 * Starts runs and finds them again to stop them. A run's request is validated
 * and its columns resolved (keys, endpoints) before anything is emitted; then
 * the run is recorded (if that fails, `start` rejects with the StorageError
 * and nothing is emitted), `run-started` goes out and the run proceeds in the
 * background. `emit` may be an IPC port or an HTTP response: a throwing `emit`
 * (client gone) is logged, never allowed to break the run or its history.
 */
import type { RunEvent, RunRequest } from '../../common/api'
import { newId } from '../api/ids'
import type { Engine } from '../engine'
import { scrub } from '../settings/scrub'
import { ActiveRun } from './active-run'
import { paramTable } from './param-table'
import type { ColumnTarget } from './resolve-call'
import type { RunRecorder } from './run-recorder'
import { type ValidationContext, validateRunRequest } from './validate-request'

export interface RunManagerDeps {
  engine: Engine
  recorder: RunRecorder
  /**
   * What a request is checked against (parameter table, providers, endpoints), read per run.
   * Default: the engine's table and providers, no custom endpoints.
   */
  validation?: () => ValidationContext
  /** Resolves every column's call; `secrets` are the key values to scrub from errors. */
  resolve(request: RunRequest): Promise<{ targets: Map<string, ColumnTarget>; secrets: string[] }>
  now?: () => number
  frameMs?: number
  warmTimeoutS?: number
  log?: (message: string) => void
}

export interface StartedRun {
  runId: string
  /** Settles after `run-finished` was emitted. */
  done: Promise<void>
}

export class RunManager {
  readonly #runs = new Map<string, { run: ActiveRun; done: Promise<void> }>()

  constructor(private readonly deps: RunManagerDeps) {}

  async start(rawRequest: unknown, emit: (event: RunEvent) => void): Promise<StartedRun> {
    const engine = this.deps.engine
    const context = this.deps.validation?.() ?? {
      ranges: paramTable(engine),
      providers: engine.providers().map((p) => p.name),
      endpoints: [],
    }
    const request = validateRunRequest(rawRequest, context)
    const { targets, secrets } = await this.deps.resolve(request)
    const runId = newId('run')
    const baseLog = this.deps.log ?? ((m: string) => console.error(m))
    const log = (m: string) => baseLog(scrub(m, secrets))
    let emitFailed = false
    const safeEmit = (event: RunEvent) => {
      try {
        emit(event)
      } catch (err) {
        if (!emitFailed) log(`run ${runId}: delivering events failed: ${(err as Error).message}`)
        emitFailed = true
      }
    }
    const { recorder } = this.deps
    const run = new ActiveRun(
      runId,
      request,
      targets,
      secrets,
      {
        engine: this.deps.engine,
        recorder,
        now: this.deps.now ?? (() => performance.now()),
        frameMs: this.deps.frameMs,
        warmTimeoutS: this.deps.warmTimeoutS,
        log,
      },
      safeEmit,
    )
    // Throws (StorageError) when the run cannot be saved: nothing has been shown yet.
    recorder.runStarted(runId, request, Date.now())
    const iterations = request.repeat?.count ?? 1
    safeEmit({ type: 'run-started', runId, iterations, columns: request.columns })
    const done = run
      .run()
      .catch((err) => {
        // A bug, not a provider error (those end in their column): still end the stream for the client.
        log(`run ${runId} failed: ${(err as Error).stack ?? err}`)
        safeEmit({ type: 'run-finished', runId, stats: [] })
      })
      .finally(() => this.#runs.delete(runId))
    this.#runs.set(runId, { run, done })
    return { runId, done }
  }

  /** Idempotent: stopping an unknown or finished run does nothing. */
  stop(runId: string, columnId?: string): void {
    this.#runs.get(runId)?.run.stop(columnId)
  }

  /** Stops every run (shutdown). */
  async stopAll(): Promise<void> {
    const active = [...this.#runs.values()]
    for (const { run } of active) run.stop()
    await Promise.all(active.map((a) => a.done))
  }

  get activeRunIds(): string[] {
    return [...this.#runs.keys()]
  }
}
