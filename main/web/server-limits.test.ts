/** The browser-mode server's bounds: the app's path prefix, exact JSON bodies, and connection limits. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../test/doubles/fake-engine'
import { createPlayground, type Playground } from '../core/create-playground'
import { createMemorySecretStore } from '../core/settings/secret-store'
import { isJsonContentType } from './http-io'
import { startWebServer, type WebServer, type WebServerOptions } from './server'

let dir: string
let playground: Playground
let server: WebServer | null = null
let engine: FakeEngine

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-web-limits-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>')
  engine = new FakeEngine()
  playground = createPlayground({
    engine,
    dataDir: join(dir, 'data'),
    secrets: createMemorySecretStore(),
    localServers: [],
    env: {},
  })
})
afterEach(async () => {
  await server?.close()
  server = null
  await playground.close()
  rmSync(dir, { recursive: true, force: true })
})

const start = async (options: Partial<WebServerOptions> = {}) => {
  server = await startWebServer({
    api: playground.api,
    staticDir: join(dir, 'renderer'),
    port: 0,
    log: () => {},
    ...options,
  })
  return server
}

function get(s: WebServer, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: s.port, method, path, headers: { host: `127.0.0.1:${s.port}`, ...headers } },
      (res) => {
        let data = ''
        res.on('data', (c) => {
          data += c
        })
        res.on('end', () => resolve({ status: res.statusCode!, body: data, headers: res.headers }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Resolves when the server closes the socket (the test's own timeout bounds the wait). */
const closedByServer = (socket: Socket) =>
  new Promise<void>((resolve) => {
    socket.on('close', () => resolve())
    socket.on('error', () => {})
  })

const openSocket = (s: WebServer) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(s.port, '127.0.0.1', () => resolve(socket))
    socket.on('error', reject)
  })

describe('the app lives under a random path', () => {
  test('nothing outside it: no token exchange, no API, no files, no hint of the prefix', async () => {
    const s = await start()
    for (const path of ['/', `/?token=${s.token}`, '/api/getSettings', '/index.html']) {
      const res = await get(s, path, { 'x-eq-token': s.token })
      expect(res.status, path).toBe(404)
      expect(res.headers['set-cookie']).toBeUndefined()
      expect(res.body).not.toContain(s.basePath.slice(1, -1))
    }
    expect((await get(s, s.basePath, { 'x-eq-token': s.token })).status).toBe(200)
    expect((await get(s, s.basePath.slice(0, -1))).headers.location).toBe(s.basePath)
    expect(s.launchUrl).toBe(`http://127.0.0.1:${s.port}${s.basePath}?token=${s.token}`)
  })
})

describe('JSON bodies', () => {
  test('only application/json (charset utf-8 allowed) is accepted', async () => {
    for (const ok of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      expect(isJsonContentType(ok), ok).toBe(true)
    }
    for (const bad of [
      'text/plain',
      'application/json-patch+json',
      'application/jsonx',
      'application/json; charset=latin1',
      'multipart/form-data',
      undefined,
    ]) {
      expect(isJsonContentType(bad), String(bad)).toBe(false)
    }
    const s = await start()
    const res = await get(
      s,
      `${s.basePath}api/getSettings`,
      { 'x-eq-token': s.token, 'content-type': 'application/json-seq' },
      'POST',
      '[]',
    )
    expect(res.status).toBe(415)
  })
})

describe('connection limits', () => {
  test('a socket that sends nothing, or half a request, is closed', async () => {
    const s = await start({ limits: { headersTimeoutMs: 300 } })
    const silent = await openSocket(s)
    const half = await openSocket(s)
    half.write(`GET ${s.basePath} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n`)
    await expect.poll(() => s.openConnections(), { timeout: 4000, interval: 50 }).toBe(2)
    // The server drops both (the test's timeout bounds the wait; without limits they stay open for minutes).
    await expect.poll(() => s.openConnections(), { timeout: 4000, interval: 50 }).toBe(0)
    silent.destroy()
    half.destroy()
  })

  test('past maxConnections new sockets are refused', async () => {
    const s = await start({ limits: { maxConnections: 3, requestTimeoutMs: 60_000, headersTimeoutMs: 60_000 } })
    const held = [await openSocket(s), await openSocket(s), await openSocket(s)]
    await expect.poll(() => s.openConnections(), { timeout: 4000, interval: 20 }).toBe(3)
    const extra = await openSocket(s)
    await closedByServer(extra)
    expect(await s.openConnections()).toBe(3)
    for (const socket of held) socket.destroy()
  })

  test('a streaming run outlives the header and request timeouts (they bound the request, not the answer)', async () => {
    const s = await start({ limits: { requestTimeoutMs: 200, headersTimeoutMs: 200 } })
    engine.script('openai/slow', { chunks: Array.from({ length: 8 }, () => 'x'), ttftMs: 300, gapMs: 100 })
    const run = await get(
      s,
      `${s.basePath}api/runs`,
      { 'x-eq-token': s.token, 'content-type': 'application/json' },
      'POST',
      JSON.stringify({
        messages: [{ role: 'user', content: 'go' }],
        params: {},
        columns: [{ columnId: 'a', model: 'openai/slow' }],
      }),
    )
    expect(run.status).toBe(200)
    expect(run.body).toContain('"type":"column-finished"')
  })
})
