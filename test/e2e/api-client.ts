/**
 * A Node-side client of the browser-mode HTTP protocol (main/web/PROTOCOL.md)
 * for API-level end-to-end tests: request/response calls and NDJSON runs.
 */
import type { PlaygroundApi, RunEvent, RunRequest } from '../../main/common/api'

export interface ApiClient {
  call<M extends keyof PlaygroundApi>(method: M, ...args: unknown[]): Promise<Awaited<ReturnType<PlaygroundApi[M]>>>
  /** Starts a run; `onEvent` sees every event; resolves with all of them after `run-finished`. */
  run(request: RunRequest, onEvent?: (event: RunEvent) => void): Promise<RunEvent[]>
  stop(runId: string, columnId?: string): Promise<void>
}

export function apiClient(base: () => { url: string; token: string }): ApiClient {
  const post = (path: string, body: unknown) => {
    const { url, token } = base()
    return fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-eq-token': token },
      body: JSON.stringify(body),
    })
  }
  return {
    async call(method, ...args) {
      const res = await post(`/api/${method}`, args)
      const body = (await res.json()) as { result?: unknown; error?: { message: string } }
      if (!res.ok) throw new Error(`${method}: ${res.status} ${body.error?.message}`)
      return body.result as never
    },
    async run(request, onEvent) {
      const res = await post('/api/runs', request)
      if (!res.ok || !res.body) throw new Error(`run: ${res.status} ${await res.text()}`)
      const events: RunEvent[] = []
      const decoder = new TextDecoder()
      let buffer = ''
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let nl = buffer.indexOf('\n')
        while (nl >= 0) {
          const event = JSON.parse(buffer.slice(0, nl)) as RunEvent
          buffer = buffer.slice(nl + 1)
          events.push(event)
          onEvent?.(event)
          nl = buffer.indexOf('\n')
        }
      }
      if (events.at(-1)?.type !== 'run-finished') throw new Error('the run stream ended without run-finished')
      return events
    },
    async stop(runId, columnId) {
      const res = await post(`/api/runs/${encodeURIComponent(runId)}/stop`, columnId ? { columnId } : {})
      if (!res.ok) throw new Error(`stop: ${res.status}`)
    },
  }
}

/** The text a column showed, from its `parts` events. */
export function shownText(events: RunEvent[], columnId: string, iteration = 0): string {
  let out = ''
  for (const e of events) {
    if (e.type !== 'parts' || e.columnId !== columnId || e.iteration !== iteration) continue
    for (const p of e.parts) if (p.type === 'text') out += p.text
  }
  return out
}
