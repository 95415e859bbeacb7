import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import type { RunEvent, RunRequest } from '../../common/api'
import { createPlayground, type Playground } from '../create-playground'
import { createFileSecretStore } from '../settings/file-secret-store'
import { acquireDataDirLock } from '../storage/data-dir-lock'
import { openHistoryDb } from './history-db'
import { createHistoryQueries } from './history-queries'

const KEY = 'sk-live-THIS-IS-A-SECRET-0123456789'
let dir: string
let engine: FakeEngine
let playground: Playground

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-history-'))
  engine = new FakeEngine()
  playground = createPlayground({
    engine,
    dataDir: dir,
    secrets: createFileSecretStore(dir),
    localServers: [],
    env: {},
  })
})
afterEach(async () => {
  await playground.close()
  rmSync(dir, { recursive: true, force: true })
})

async function run(request: RunRequest, onEvent?: (e: RunEvent) => void) {
  const events: RunEvent[] = []
  let finish: () => void
  const finished = new Promise<void>((r) => {
    finish = r
  })
  const { runId } = await playground.api.startRun(request, (e) => {
    events.push(e)
    onEvent?.(e)
    if (e.type === 'run-finished') finish()
  })
  await finished
  return { runId, events }
}

const req = (prompt: string, columns: RunRequest['columns'], extra: Partial<RunRequest> = {}): RunRequest => ({
  messages: [{ role: 'user', content: prompt }],
  params: {},
  columns,
  ...extra,
})

describe('history', () => {
  test('every frame is in the database before its parts event is emitted', async () => {
    engine.script('openai/m', { chunks: Array.from({ length: 40 }, (_, i) => `c${i} `), gapMs: 1 })
    let shown = ''
    let checks = 0
    await run(req('persist first', [{ columnId: 'a', model: 'openai/m' }]), (e) => {
      if (e.type !== 'parts') return
      shown += e.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')
      // Read while the event is emitted: the frame's transaction has committed already.
      const stored = playground.history.get(e.runId)!.columns[0]!.output
      expect(stored).toBe(shown)
      checks++
    })
    expect(checks).toBeGreaterThan(0)
  })

  test('a process killed mid-stream loses nothing it showed', async () => {
    const bundle = join(dir, 'crash-child.cjs')
    await build({
      entryPoints: [join(import.meta.dirname, '../../../test/doubles/crash-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      // Native: the fake engine builds the engine's own error classes.
      external: ['node-sqlite3-wasm', '@edgequake/llm'],
      logLevel: 'silent',
      nodePaths: [join(process.cwd(), 'node_modules')],
    })
    const childDir = join(dir, 'child-data')
    const child = spawn(process.execPath, [bundle, childDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
    })
    let shown = ''
    let runId = ''
    let frames = 0
    let buffer = ''
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject)
      child.on('exit', () => resolve())
      child.stdout.on('data', (data: Buffer) => {
        buffer += data.toString()
        let nl = buffer.indexOf('\n')
        while (nl >= 0) {
          const line = buffer.slice(0, nl)
          buffer = buffer.slice(nl + 1)
          if (line.startsWith('RUN ')) runId = line.slice(4)
          if (line.startsWith('PARTS ')) {
            shown += JSON.parse(line.slice(6)) as string
            if (++frames === 5) child.kill('SIGKILL')
          }
          nl = buffer.indexOf('\n')
        }
      })
    })
    expect(child.signalCode).toBe('SIGKILL')
    // The killed child's data-directory lock is stale: taking it must work.
    const lock = acquireDataDirLock(childDir)
    const h = openHistoryDb(childDir, lock)
    const run = createHistoryQueries(h).get(runId)
    h.close()
    lock.release()
    expect(run).not.toBeNull()
    expect(run!.status).toBe('stopped')
    expect(run!.columns[0]!.output.startsWith(shown)).toBe(true)
    expect(shown.length).toBeGreaterThan(0)
  })

  test('browse newest first, search prompt/model/output, delete', async () => {
    engine.script('openai/apple-model', { chunks: ['crunchy ', 'fruit'] })
    const first = await run(req('tell me about pears', [{ columnId: 'a', model: 'openai/apple-model' }]))
    const second = await run(req('tell me about stars', [{ columnId: 'a', model: 'anthropic/sky' }]))
    const all = await playground.api.listHistory()
    expect(all.map((r) => r.runId)).toEqual([second.runId, first.runId])
    expect(all[0]).toMatchObject({
      prompt: 'tell me about stars',
      models: ['anthropic/sky'],
      status: 'done',
      iterations: 1,
    })
    expect((await playground.api.listHistory('pears')).map((r) => r.runId)).toEqual([first.runId])
    expect((await playground.api.listHistory('anthropic/')).map((r) => r.runId)).toEqual([second.runId])
    expect((await playground.api.listHistory('crunchy')).map((r) => r.runId)).toEqual([first.runId])
    expect(await playground.api.listHistory('100%')).toEqual([])
    await playground.api.deleteRun(first.runId)
    expect(await playground.api.getRun(first.runId)).toBeNull()
    expect((await playground.api.listHistory()).map((r) => r.runId)).toEqual([second.runId])
  })

  test('getRun and the JSON export hold exactly what was shown; CSV has one row per column × iteration', async () => {
    engine.script('openai/m', { chunks: ['Hello', ', "quoted"', '\nworld'] })
    const { runId, events } = await run(
      req(
        'export me',
        [
          { columnId: 'a', model: 'openai/m' },
          { columnId: 'b', model: 'anthropic/n' },
        ],
        {
          repeat: { count: 2, mode: 'sequential' },
        },
      ),
    )
    const stored = (await playground.api.getRun(runId))!
    expect(stored.columns).toHaveLength(4)
    const shown = (columnId: string, iteration: number) =>
      events
        .flatMap((e) => (e.type === 'parts' && e.columnId === columnId && e.iteration === iteration ? e.parts : []))
        .map((p) => (p.type === 'text' ? p.text : ''))
        .join('')
    const finishedA0 = events.find((e) => e.type === 'column-finished' && e.columnId === 'a' && e.iteration === 0)
    const exported = JSON.parse(await playground.api.exportRun(runId, 'json'))
    expect(exported.runId).toBe(runId)
    expect(exported.columns.map((c: { output: string }) => c.output)).toEqual([
      shown('a', 0),
      shown('b', 0),
      shown('a', 1),
      shown('b', 1),
    ])
    expect(finishedA0?.type === 'column-finished' && exported.columns[0].timing).toEqual(
      finishedA0?.type === 'column-finished' && finishedA0.timing,
    )
    const runFinished = events.at(-1)
    expect(runFinished?.type === 'run-finished' && exported.stats).toEqual(
      runFinished?.type === 'run-finished' && runFinished.stats,
    )
    const csv = await playground.api.exportRun(runId, 'csv')
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatch(/^run_id,created_at,column_id,model,iteration,status,error,ttft_ms,/)
    expect(lines[1]).toContain(',a,openai/m,0,ok,')
  })

  test('no key anywhere: database file, exports, snippets, errors', async () => {
    await playground.api.setKey('openai', KEY)
    engine.script('openai/leaky', {
      error: { name: 'AuthenticationError', message: `Incorrect API key provided: ${KEY}`, status_code: 401 },
    })
    const { runId, events } = await run(
      req('keys stay home', [
        { columnId: 'a', model: 'openai/gpt-4o-mini' },
        { columnId: 'b', model: 'openai/leaky' },
      ]),
    )
    expect(engine.calls[0]!.api_key).toBe(KEY)
    expect(JSON.stringify(events)).not.toContain(KEY)
    expect(JSON.stringify(events)).not.toContain(KEY.slice(3, 20))
    const snippet = await playground.api.snippet(runId, 'a')
    expect(snippet).toContain('process.env.OPENAI_API_KEY')
    expect(snippet).toContain("model: 'openai/gpt-4o-mini'")
    for (const text of [
      await playground.api.exportRun(runId, 'json'),
      await playground.api.exportRun(runId, 'csv'),
      snippet,
      await playground.api.snippet(runId, 'b'),
      JSON.stringify(await playground.api.getSettings()),
      JSON.stringify(await playground.api.listHistory()),
    ]) {
      expect(text).not.toContain(KEY)
    }
    await playground.close()
    for (const file of readdirSync(dir)) {
      if (file.startsWith('secrets.json')) continue // the key store itself and its backup
      expect(readFileSync(join(dir, file)).includes(KEY), file).toBe(false)
    }
    playground = createPlayground({
      engine,
      dataDir: dir,
      secrets: createFileSecretStore(dir),
      localServers: [],
      env: {},
    })
  })

  test('the snippet is runnable JavaScript that reproduces the call', async () => {
    const { runId } = await run(
      req(
        "it's a 'quote'\nand a newline",
        [{ columnId: 'a', model: 'anthropic/claude-sonnet-4-0', params: { max_tokens: 64 } }],
        {
          system: 'Be terse.',
          params: { temperature: 0.2 },
        },
      ),
    )
    const snippet = await playground.api.snippet(runId, 'a')
    expect(snippet).toContain('process.env.ANTHROPIC_API_KEY')
    expect(snippet).toContain('temperature: 0.2')
    expect(snippet).toContain('max_tokens: 64')
    // It parses as a module.
    const body = snippet.replace(/^import .*$/m, '').replace('await completion', 'await (async () => ({}))')
    expect(() => new Function(`return (async () => { ${body} })`)).not.toThrow()
    await expect(playground.api.snippet(runId, 'nope')).rejects.toThrow(/no column/)
  })

  test('a key the provider echoes in streamed content is removed before it is shown or stored, even split across chunks', async () => {
    await playground.api.setKey('openai', KEY)
    const mid = 17
    engine.script('openai/echo', {
      chunks: ['Your key is ', KEY.slice(0, mid), KEY.slice(mid), ' and again: ', KEY, '. sk-example stays.'],
      reasoning: [`thinking about ${KEY.slice(0, 5)}`, `${KEY.slice(5)} here`],
    })
    const { runId, events } = await run(req('echo my key', [{ columnId: 'a', model: 'openai/echo' }]))
    const shownText = events
      .flatMap((e) => (e.type === 'parts' ? e.parts : []))
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join('')
    expect(shownText).toBe('Your key is [redacted] and again: [redacted]. sk-example stays.')
    expect(JSON.stringify(events)).not.toContain(KEY)
    const stored = (await playground.api.getRun(runId))!.columns[0]!
    expect(stored.output).toBe(shownText)
    expect(stored.reasoning).toBe('thinking about [redacted] here')
    for (const format of ['json', 'csv'] as const)
      expect(await playground.api.exportRun(runId, format)).not.toContain(KEY)
    await playground.close()
    expect(readFileSync(join(dir, 'history.sqlite')).includes(KEY)).toBe(false)
    playground = createPlayground({
      engine,
      dataDir: dir,
      secrets: createFileSecretStore(dir),
      localServers: [],
      env: {},
    })
  })

  test('the snippet escapes what it interpolates: a newline in a column id or model stays in its comment', async () => {
    const payload = '\nglobalThis.__eqPwned = 1 //'
    const { runId } = await run(
      req('hi', [{ columnId: `a${payload}`, model: `simulated/x${payload}\u2028globalThis.__eqPwned = 2` }]),
    )
    const snippet = await playground.api.snippet(runId, `a${payload}`)
    for (const line of snippet.split('\n')) {
      if (line.includes('__eqPwned')) expect(line).toMatch(/^\s*(\/\/|model: '|mock_response)/)
    }
    // Run it, with a stand-in for the engine: nothing but the call happens.
    const body = snippet
      .replace(/^import .*$/m, '')
      .replace('await completion(', 'await ((p) => ({ params: p, timing: {}, async *[Symbol.asyncIterator]() {} }))(')
    const runSnippet = new Function('console', `return (async () => { ${body} })()`) as (c: unknown) => Promise<void>
    await runSnippet({ log() {} })
    expect((globalThis as { __eqPwned?: number }).__eqPwned).toBeUndefined()
  })
})
