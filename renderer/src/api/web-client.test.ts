import { describe, expect, it } from 'vitest'
import type { RunEvent, RunRequest } from '../../../main/common/api'
import { NdjsonDecoder } from './ndjson'
import { createWebClient } from './web-client'

const enc = new TextEncoder()

/** A Response whose body arrives in the given pieces (cut anywhere, even mid-character). */
function streamed(pieces: (string | Uint8Array)[], status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === 'string' ? enc.encode(p) : p)
      controller.close()
    },
  })
  return new Response(body, { status, headers: { 'content-type': 'application/x-ndjson' } })
}

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = []
  const fetchFn = async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return respond(url, init)
  }
  return { fetchFn, calls }
}

const REQUEST: RunRequest = {
  messages: [{ role: 'user', content: 'Hi' }],
  params: {},
  columns: [{ columnId: 'a', model: 'simulated/fast' }],
}

const line = (e: RunEvent) => `${JSON.stringify(e)}\n`
const STARTED: RunEvent = { type: 'run-started', runId: 'r1', iterations: 1, columns: REQUEST.columns }
const COL_STARTED: RunEvent = {
  type: 'column-started',
  runId: 'r1',
  iteration: 0,
  columnId: 'a',
  startSkewMs: 0,
  warm: false,
}
const PARTS: RunEvent = {
  type: 'parts',
  runId: 'r1',
  iteration: 0,
  columnId: 'a',
  parts: [{ type: 'text', text: 'héllo', at: 251.2 }],
}

/** Resolves once `run-finished` has been delivered. */
function collector() {
  const events: RunEvent[] = []
  let done: () => void = () => undefined
  const finished = new Promise<void>((r) => {
    done = r
  })
  const onEvent = (e: RunEvent) => {
    events.push(e)
    if (e.type === 'run-finished') done()
  }
  return { events, onEvent, finished }
}

describe('NdjsonDecoder', () => {
  it('keeps a line cut across reads, even inside a multi-byte character', () => {
    const bytes = enc.encode('{"a":"é"}\n{"b":2}\n')
    const d = new NdjsonDecoder()
    expect(d.push(bytes.slice(0, 8))).toEqual([])
    expect(d.push(bytes.slice(8, 13))).toEqual([{ a: 'é' }])
    expect(d.push(bytes.slice(13))).toEqual([{ b: 2 }])
    expect(d.end()).toEqual([])
  })

  it('parses a last line without newline at the end and skips blank lines', () => {
    const d = new NdjsonDecoder()
    expect(d.push(enc.encode('\n{"x":1}\r\n\n{"y"'))).toEqual([{ x: 1 }])
    expect(d.push(enc.encode(':2}'))).toEqual([])
    expect(d.end()).toEqual([{ y: 2 }])
  })
})

describe('web client', () => {
  it('posts a method’s positional arguments and unwraps the result', async () => {
    const { fetchFn, calls } = fakeFetch(() => Response.json({ result: [{ runId: 'r1' }] }))
    const api = createWebClient(fetchFn)
    await expect(api.listHistory('hash')).resolves.toEqual([{ runId: 'r1' }])
    expect(calls[0]!.url).toBe('api/listHistory')
    expect(calls[0]!.init.method).toBe('POST')
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual(['hash'])
    await api.listHistory()
    expect(JSON.parse(calls[1]!.init.body as string)).toEqual([])
    await api.setKey('openai', null)
    expect(JSON.parse(calls[2]!.init.body as string)).toEqual(['openai', null])
  })

  it('rejects with the server’s message', async () => {
    const { fetchFn } = fakeFetch(() => Response.json({ error: { message: 'unknown run' } }, { status: 400 }))
    await expect(createWebClient(fetchFn).exportRun('nope', 'json')).rejects.toThrow('unknown run')
  })

  it('streams run events split anywhere, resolving on run-started', async () => {
    const text = [STARTED, COL_STARTED, PARTS, { type: 'run-finished', runId: 'r1', stats: [] } as RunEvent]
      .map(line)
      .join('')
    const bytes = enc.encode(text)
    const pieces = [bytes.slice(0, 17), bytes.slice(17, 140), bytes.slice(140, 141), bytes.slice(141)]
    const { fetchFn, calls } = fakeFetch(() => streamed(pieces))
    const c = collector()
    await expect(createWebClient(fetchFn).startRun(REQUEST, c.onEvent)).resolves.toEqual({ runId: 'r1' })
    await c.finished
    expect(calls[0]!.url).toBe('api/runs')
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual(REQUEST)
    expect(c.events.map((e) => e.type)).toEqual(['run-started', 'column-started', 'parts', 'run-finished'])
    expect(c.events[2]).toEqual(PARTS)
  })

  it('ends open columns and the run when the stream is cut short', async () => {
    const { fetchFn } = fakeFetch(() => streamed([line(STARTED), line(COL_STARTED), line(PARTS)]))
    const c = collector()
    await createWebClient(fetchFn).startRun(REQUEST, c.onEvent)
    await c.finished
    const failed = c.events.find((e) => e.type === 'column-failed')
    expect(failed).toMatchObject({ columnId: 'a', iteration: 0, error: { name: 'ConnectionError' } })
    expect(c.events.at(-1)).toEqual({ type: 'run-finished', runId: 'r1', stats: [] })
  })

  it('rejects startRun on a refused request', async () => {
    const { fetchFn } = fakeFetch(() => Response.json({ error: { message: 'no columns' } }, { status: 400 }))
    await expect(createWebClient(fetchFn).startRun(REQUEST, () => undefined)).rejects.toThrow('no columns')
  })

  it('stops one column or the whole run', async () => {
    const { fetchFn, calls } = fakeFetch(() => Response.json({ result: null }))
    const api = createWebClient(fetchFn)
    await api.stopRun('r1', 'a')
    await api.stopRun('r1')
    expect(calls.map((c) => [c.url, c.init.body])).toEqual([
      ['api/runs/r1/stop', '{"columnId":"a"}'],
      ['api/runs/r1/stop', '{}'],
    ])
  })
})
