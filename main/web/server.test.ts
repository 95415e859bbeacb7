import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../test/doubles/fake-engine'
import type { RunEvent } from '../common/api'
import { createPlayground, type Playground } from '../core/create-playground'
import { createMemorySecretStore } from '../core/settings/secret-store'
import { startWebServer, type WebServer } from './server'

let dir: string
let playground: Playground
let server: WebServer
let engine: FakeEngine

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eq-web-'))
  const staticDir = join(dir, 'renderer')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'outside.txt'), 'secret file')
  engine = new FakeEngine()
  playground = createPlayground({
    engine,
    dataDir: join(dir, 'data'),
    secrets: createMemorySecretStore(),
    localServers: [],
    env: {},
  })
  server = await startWebServer({ api: playground.api, staticDir, port: 0, log: () => {} })
})
afterEach(async () => {
  await server.close()
  await playground.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Res {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw HTTP (fetch would not let us forge Host), to a path under the app's prefix (`/api/x` → `/<prefix>/api/x`). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  return rawAt(method, `${server.basePath}${path.replace(/^\//, '')}`, headers, body)
}

/** Raw HTTP to an absolute path. */
function rawAt(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let data = ''
        res.setEncoding('utf8')
        res.on('data', (c) => {
          data += c
        })
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const auth = () => ({ 'x-eq-token': server.token })
const json = { 'content-type': 'application/json' }

describe('web server: who may talk to it', () => {
  test('refuses requests without the token', async () => {
    expect((await raw('GET', '/')).status).toBe(403)
    const api = await raw('POST', '/api/getSettings', json, '[]')
    expect(api.status).toBe(403)
    expect(JSON.parse(api.body).error.message).toMatch(/token/)
    expect((await raw('GET', '/?token=wrong')).status).toBe(403)
    expect((await raw('POST', '/api/getSettings', { ...json, 'x-eq-token': 'x'.repeat(64) }, '[]')).status).toBe(403)
  })

  test('refuses a foreign Host even with the token (DNS rebinding)', async () => {
    const res = await raw('POST', '/api/getSettings', { ...json, ...auth(), host: `evil.example:${server.port}` }, '[]')
    expect(res.status).toBe(403)
    expect((await raw('GET', `/?token=${server.token}`, { host: 'evil.example' })).status).toBe(403)
  })

  test('refuses a foreign Origin even with the token (CSRF)', async () => {
    const res = await raw('POST', '/api/getSettings', { ...json, ...auth(), origin: 'http://evil.example' }, '[]')
    expect(res.status).toBe(403)
    expect((await raw('POST', '/api/getSettings', { ...json, ...auth(), origin: 'null' }, '[]')).status).toBe(403)
  })

  test('the printed URL trades the token for an HttpOnly SameSite=Strict cookie; the cookie then works', async () => {
    const first = await raw('GET', `/?token=${server.token}`)
    expect(first.status).toBe(302)
    expect(first.headers.location).toBe(server.basePath)
    const cookie = String(first.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    // Scoped to the app's random path: other servers on 127.0.0.1 never receive it.
    expect(cookie).toContain(`Path=${server.basePath}`)
    expect(server.basePath).toMatch(/^\/[0-9a-f]{32}\/$/)
    const pair = cookie.split(';')[0]!
    const page = await raw('GET', '/', { cookie: pair })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>app</title>')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    const origin = `http://localhost:${server.port}`
    const api = await raw(
      'POST',
      '/api/getSettings',
      { ...json, cookie: pair, host: `localhost:${server.port}`, origin },
      '[]',
    )
    expect(api.status).toBe(200)
    expect(JSON.parse(api.body).result.theme).toBe('system')
  })

  test('even refusals carry the security headers', async () => {
    const res = await raw('GET', '/')
    expect(res.headers['content-security-policy']).toBeDefined()
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('web server: API', () => {
  test('request/response methods take a JSON array of arguments', async () => {
    const set = await raw('POST', '/api/setKey', { ...json, ...auth() }, JSON.stringify(['openai', 'sk-web-test-key']))
    expect(set.status).toBe(200)
    expect(JSON.parse(set.body).result.keys.openai).toEqual({ set: true, source: 'saved' })
    expect(set.body).not.toContain('sk-web-test-key')
    expect(JSON.parse((await raw('POST', '/api/getRun', { ...json, ...auth() }, '["nope"]')).body)).toEqual({
      result: null,
    })
  })

  test('errors: unknown method 404, bad arguments 400, not JSON 415, GET 405', async () => {
    expect((await raw('POST', '/api/nope', { ...json, ...auth() }, '[]')).status).toBe(404)
    expect((await raw('POST', '/api/getRun', { ...json, ...auth() }, '[42]')).status).toBe(400)
    expect((await raw('POST', '/api/getRun', { ...json, ...auth() }, '{')).status).toBe(400)
    expect((await raw('POST', '/api/getRun', { 'content-type': 'text/plain', ...auth() }, '["x"]')).status).toBe(415)
    expect((await raw('GET', '/api/getSettings', auth())).status).toBe(405)
    const bad = await raw('POST', '/api/exportRun', { ...json, ...auth() }, '["missing","json"]')
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.message).toMatch(/no run/)
  })

  test('POST /api/runs streams NDJSON events; an invalid run is a 400 before streaming', async () => {
    engine.script('openai/m', { chunks: ['a', 'b', 'c'], gapMs: 1 })
    const run = {
      messages: [{ role: 'user', content: 'hi' }],
      params: {},
      columns: [
        { columnId: 'x', model: 'openai/m' },
        { columnId: 'y', model: 'simulated/alpha' },
      ],
    }
    const res = await raw('POST', '/api/runs', { ...json, ...auth() }, JSON.stringify(run))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/)
    const events = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunEvent)
    expect(events[0]!.type).toBe('run-started')
    expect(events.at(-1)!.type).toBe('run-finished')
    expect(events.filter((e) => e.type === 'column-finished')).toHaveLength(2)
    const bad = await raw('POST', '/api/runs', { ...json, ...auth() }, JSON.stringify({ ...run, columns: [] }))
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.message).toMatch(/1 to 8 columns/)
  })

  test('POST /api/runs/<id>/stop stops a column; idempotent for unknown runs', async () => {
    engine.script('openai/long', { chunks: Array.from({ length: 500 }, () => 'z'), gapMs: 3 })
    const events: RunEvent[] = []
    const done = new Promise<void>((resolve) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `${server.basePath}api/runs`,
          headers: { ...json, ...auth(), host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          let buf = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            buf += chunk
            let nl = buf.indexOf('\n')
            while (nl >= 0) {
              const e = JSON.parse(buf.slice(0, nl)) as RunEvent
              buf = buf.slice(nl + 1)
              events.push(e)
              if (e.type === 'parts' && events.filter((x) => x.type === 'parts').length === 1) {
                void raw('POST', `/api/runs/${e.runId}/stop`, { ...json, ...auth() }, '{"columnId":"l"}')
              }
              nl = buf.indexOf('\n')
            }
          })
          res.on('end', () => resolve())
        },
      )
      req.end(
        JSON.stringify({
          messages: [{ role: 'user', content: 'go' }],
          params: {},
          columns: [{ columnId: 'l', model: 'openai/long' }],
        }),
      )
    })
    await done
    const failed = events.find((e) => e.type === 'column-failed')
    expect(failed?.type === 'column-failed' && failed.error.name).toBe('AbortError')
    expect((await raw('POST', '/api/runs/run_unknown/stop', { ...json, ...auth() }, '{}')).status).toBe(200)
  })
})

test('a client that goes away stops its run; what arrived stays in history', async () => {
  engine.script('openai/long', { chunks: Array.from({ length: 500 }, () => 'z'), gapMs: 3 })
  const runId = await new Promise<string>((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `${server.basePath}api/runs`,
        headers: { ...json, ...auth(), host: `127.0.0.1:${server.port}` },
      },
      (res) => {
        let buf = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buf += chunk
          if (buf.includes('"type":"parts"')) {
            req.destroy()
            resolve(/"runId":"([^"]+)"/.exec(buf)![1]!)
          }
        })
      },
    )
    req.on('error', () => {})
    req.end(
      JSON.stringify({
        messages: [{ role: 'user', content: 'go' }],
        params: {},
        columns: [{ columnId: 'l', model: 'openai/long' }],
      }),
    )
  })
  let run = await playground.api.getRun(runId)
  for (let i = 0; i < 100 && run?.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 20))
    run = await playground.api.getRun(runId)
  }
  expect(run!.status).toBe('stopped')
  expect(run!.columns[0]!.error!.name).toBe('AbortError')
  expect(run!.columns[0]!.output.length).toBeGreaterThan(0)
  expect(run!.columns[0]!.output.length).toBeLessThan(500)
})

describe('web server: static files', () => {
  test('serves the renderer, falls back to index.html for app routes, never leaves its directory', async () => {
    const js = await raw('GET', '/assets/app.js', auth())
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toMatch(/javascript/)
    expect((await raw('GET', '/history', auth())).body).toContain('<title>app</title>')
    expect((await raw('GET', '/assets/missing.js', auth())).status).toBe(404)
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const res = await raw('GET', path, auth())
      expect(res.body).not.toContain('secret file')
    }
  })
})
