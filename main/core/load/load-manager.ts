/**
 * Load tests in flight, for the app: started in the background, polled for their status
 * (requests ended, the levels done so far), stopped. Polling rather than a stream: a load
 * test runs for minutes and needs no per-token delivery. The last few finished tests are
 * kept for their final status.
 */
import type { LoadRequest, LoadStatus } from '../../common/load'
import { newId } from '../api/ids'
import { InputError } from '../api/input-error'
import { totalRequests } from './load-plan'
import type { LoadService } from './load-service'

const KEEP_FINISHED = 10

export class LoadManager {
  readonly #tests = new Map<string, { status: LoadStatus; controller: AbortController; done: Promise<void> }>()

  constructor(private readonly service: LoadService) {}

  /** Checks and guards the request first: a refusal (LoadRefusedError) rejects before anything is sent. */
  async start(request: LoadRequest): Promise<{ loadId: string }> {
    await this.service.estimate(request)
    const loadId = newId('load')
    const controller = new AbortController()
    const status: LoadStatus = { loadId, state: 'running', ended: 0, total: totalRequests(request.plan), result: null }
    const done = this.service
      .run(request, {
        signal: controller.signal,
        onRequestEnd: () => {
          status.ended++
        },
        onLevelEnd: (result) => {
          status.result = result
        },
      })
      .then(
        ({ result }) => {
          status.result = result
          status.state = controller.signal.aborted ? 'stopped' : 'done'
        },
        (err: Error) => {
          status.state = 'failed'
          status.error = `${err.name}: ${err.message}`
        },
      )
      .finally(() => this.#prune())
    this.#tests.set(loadId, { status, controller, done })
    return { loadId }
  }

  status(loadId: string): LoadStatus {
    const test = this.#tests.get(loadId)
    if (!test) throw new InputError(`no load test "${loadId}"`)
    return structuredClone(test.status)
  }

  /** Idempotent; requests already sent finish, no new one starts. */
  stop(loadId: string): void {
    this.#tests.get(loadId)?.controller.abort()
  }

  async stopAll(): Promise<void> {
    for (const t of this.#tests.values()) t.controller.abort()
    await Promise.all([...this.#tests.values()].map((t) => t.done))
  }

  #prune(): void {
    const finished = [...this.#tests.entries()].filter(([, t]) => t.status.state !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#tests.delete(id)
  }
}
