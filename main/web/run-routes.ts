/**
 * `POST /api/runs` streams a run's events as NDJSON in the response body; one
 * socket write per batch of events produced together (a frame's parts for all
 * columns), flushed on the next macrotask. `POST /api/runs/<id>/stop` stops a
 * column or the run. A client that goes away stops its run (what arrived
 * stays in history).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PlaygroundApi, RunEvent } from '../common/api'
import { InputError } from '../core/api/input-error'
import { readJson } from './http-io'

export async function streamRun(api: PlaygroundApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = await readJson(req)
  let pending: string[] = []
  let scheduled = false
  let finished = false
  let runId: string | null = null

  const flush = () => {
    scheduled = false
    if (pending.length === 0 || res.destroyed) return
    if (!res.headersSent) writeHead(res)
    res.write(`${pending.join('\n')}\n`)
    pending = []
    if (finished) res.end()
  }
  const onEvent = (event: RunEvent) => {
    if (event.type === 'run-started') runId = event.runId
    pending.push(JSON.stringify(event))
    if (event.type === 'run-finished') finished = true
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  }
  res.on('close', () => {
    if (!finished && runId) void api.stopRun(runId)
  })
  // Rejects (InputError → 400) before any event when the request is invalid.
  await api.startRun(request as Parameters<PlaygroundApi['startRun']>[0], onEvent)
  if (!res.headersSent) writeHead(res)
}

function writeHead(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  })
  res.flushHeaders()
}

export async function stopRun(api: PlaygroundApi, runId: string, req: IncomingMessage): Promise<null> {
  const body = (await readJson(req)) ?? {}
  if (typeof body !== 'object' || Array.isArray(body)) throw new InputError('stop takes {} or { "columnId": "…" }')
  const { columnId } = body as { columnId?: unknown }
  if (columnId !== undefined && typeof columnId !== 'string') throw new InputError('columnId must be a string')
  await api.stopRun(runId, columnId)
  return null
}
