/**
 * `PlaygroundApi` over HTTP for browser mode, as main/web/PROTOCOL.md specifies:
 * `POST <base>/api/<method>` with the positional arguments as a JSON array, and
 * `POST <base>/api/runs` answering the run's events as NDJSON. URLs are relative:
 * the app is served under a random path prefix (`<base>`), the page's own. The auth
 * token travels in an HttpOnly cookie scoped to that prefix, which the page never sees.
 */
import type { PlaygroundApi, RunEvent, RunRequest } from '../../../main/common/api'
import type { ColumnError } from '../../../main/common/errors'
import { NdjsonDecoder } from './ndjson'

type Fetch = (input: string, init: RequestInit) => Promise<Response>

const JSON_HEADERS = { 'content-type': 'application/json' }

export function createWebClient(fetchFn: Fetch = (input, init) => fetch(input, init)): PlaygroundApi {
  async function call<T>(method: string, args: unknown[]): Promise<T> {
    const res = await fetchFn(`api/${method}`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(args) })
    if (!res.ok) throw await httpError(res)
    const body = (await res.json()) as { result: T }
    return body.result
  }

  return {
    catalog: () => call('catalog', []),
    startRun: (request, onEvent) => startRun(fetchFn, request, onEvent),
    stopRun: async (runId, columnId) => {
      const body = columnId === undefined ? {} : { columnId }
      const res = await fetchFn(`api/runs/${encodeURIComponent(runId)}/stop`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(body),
      })
      if (!res.ok) throw await httpError(res)
    },
    listHistory: (query) => call('listHistory', query === undefined ? [] : [query]),
    getRun: (runId) => call('getRun', [runId]),
    deleteRun: (runId) => call('deleteRun', [runId]),
    exportRun: (runId, format) => call('exportRun', [runId, format]),
    snippet: (runId, columnId) => call('snippet', [runId, columnId]),
    getSettings: () => call('getSettings', []),
    setKey: (provider, key) => call('setKey', [provider, key]),
    saveEndpoint: (endpoint) => call('saveEndpoint', [endpoint]),
    deleteEndpoint: (id) => call('deleteEndpoint', [id]),
    updateSettings: (patch) => call('updateSettings', [patch]),
    paramRanges: () => call('paramRanges', []),
    getDraft: () => call('getDraft', []),
    saveDraft: (draft) => call('saveDraft', [draft]),
  }
}

async function httpError(res: Response): Promise<Error> {
  try {
    const body = (await res.json()) as { error?: { message?: string } }
    if (body.error?.message) return new Error(body.error.message)
  } catch (err) {
    console.warn('edgequake: unreadable error body', err)
  }
  return new Error(`The app server answered HTTP ${res.status}.`)
}

/** Resolves once `run-started` arrives; the rest of the body is read in the background. */
async function startRun(
  fetchFn: Fetch,
  request: RunRequest,
  onEvent: (event: RunEvent) => void,
): Promise<{ runId: string }> {
  const res = await fetchFn('api/runs', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(request) })
  if (!res.ok) throw await httpError(res)
  if (!res.body) throw new Error('The app server sent no run stream.')
  const reader = res.body.getReader()
  return new Promise((resolve, reject) => {
    const tracker = new RunTracker(onEvent, resolve)
    pump(reader, tracker).then(
      () => tracker.end(null, reject),
      (err: unknown) => tracker.end(err, reject),
    )
  })
}

async function pump(reader: ReadableStreamDefaultReader<Uint8Array>, tracker: RunTracker): Promise<void> {
  const decoder = new NdjsonDecoder()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    for (const event of decoder.push(value)) tracker.dispatch(event as RunEvent)
  }
  for (const event of decoder.end()) tracker.dispatch(event as RunEvent)
}

/**
 * Forwards events and remembers which columns are still open, so that a stream cut
 * short (server died) still ends every column and the run, as PROTOCOL.md asks.
 */
class RunTracker {
  private started: Extract<RunEvent, { type: 'run-started' }> | null = null
  private finished = false
  /** `columnId` → iterations started and not yet ended. */
  private readonly open = new Map<string, Set<number>>()
  private readonly everStarted = new Set<string>()

  constructor(
    private readonly onEvent: (event: RunEvent) => void,
    private readonly resolve: (value: { runId: string }) => void,
  ) {}

  dispatch(event: RunEvent): void {
    switch (event.type) {
      case 'run-started':
        this.started = event
        this.resolve({ runId: event.runId })
        break
      case 'column-started':
        this.everStarted.add(event.columnId)
        this.openSet(event.columnId).add(event.iteration)
        break
      case 'column-finished':
      case 'column-failed':
        this.openSet(event.columnId).delete(event.iteration)
        break
      case 'run-finished':
        this.finished = true
        break
    }
    this.onEvent(event)
  }

  end(err: unknown, reject: (reason: unknown) => void): void {
    if (!this.started) {
      reject(err instanceof Error ? err : new Error('The run stream ended before the run started.'))
      return
    }
    if (this.finished) return
    if (err) console.error('edgequake: run stream broken', err)
    const { runId } = this.started
    const error: ColumnError = {
      name: 'ConnectionError',
      message: 'The connection to the app server ended before the run finished.',
      status_code: null,
      retryable: true,
      hint: 'Check that the playground server is still running, then run again. What was shown is kept in History.',
    }
    for (const column of this.started.columns) {
      const open = [...this.openSet(column.columnId)]
      if (!this.everStarted.has(column.columnId)) open.push(0)
      for (const iteration of open) {
        this.onEvent({ type: 'column-failed', runId, iteration, columnId: column.columnId, error, timing: null })
      }
    }
    this.finished = true
    this.onEvent({ type: 'run-finished', runId, stats: [] })
  }

  private openSet(columnId: string): Set<number> {
    let set = this.open.get(columnId)
    if (!set) {
      set = new Set()
      this.open.set(columnId, set)
    }
    return set
  }
}
