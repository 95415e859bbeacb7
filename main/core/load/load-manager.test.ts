import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import type { LoadRequest, LoadStatus } from '../../common/load'
import { createPlayground, type Playground } from '../create-playground'
import { createFileSecretStore } from '../settings/file-secret-store'

let dir: string
let engine: FakeEngine
let playground: Playground
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-load-'))
  engine = new FakeEngine()
  engine.defaultScript = { chunks: ['a', 'b'], ttftMs: 2, gapMs: 1 }
  playground = createPlayground({
    engine,
    dataDir: dir,
    secrets: createFileSecretStore(dir),
    env: {},
    localServers: [],
  })
})
afterEach(async () => {
  await playground.close()
  rmSync(dir, { recursive: true, force: true })
})

const request = (model: string, extra: Partial<LoadRequest> = {}): LoadRequest => ({
  messages: [{ role: 'user', content: 'hi' }],
  params: {},
  model,
  plan: { kind: 'sweep', levels: [1, 2], requestsPerLevel: 2, warmup: 1, seed: 1 },
  confirmedCloud: false,
  ...extra,
})

async function until(loadId: string, f: (s: LoadStatus) => boolean): Promise<LoadStatus> {
  for (;;) {
    const s = playground.loads.status(loadId)
    if (f(s)) return s
    await new Promise((r) => setTimeout(r, 5))
  }
}

test('a load test on a local server runs in the background and reports each level', async () => {
  const { loadId } = await playground.loads.start(request('ollama/llama3.2'))
  const done = await until(loadId, (s) => s.state !== 'running')
  expect(done).toMatchObject({ state: 'done', ended: 5, total: 5 })
  expect(done.result!.levels.map((l) => [l.level, l.requests])).toEqual([
    [1, 2],
    [2, 2],
  ])
  expect(engine.calls).toHaveLength(5)
})

test('a cloud model is refused before anything is sent, with the estimate', async () => {
  await expect(playground.loads.start(request('openai/gpt-4o-mini'))).rejects.toThrow(
    /load mode is for servers you own: OpenAI is a cloud provider\. 5 requests/,
  )
  expect(engine.calls).toHaveLength(0)
  await expect(
    playground.load.estimate(request('openai/gpt-4o-mini', { confirmedCloud: true })),
  ).resolves.toMatchObject({ requests: 5, local: false })
})

test('a stopped load test sends nothing more and says so', async () => {
  engine.defaultScript = { chunks: ['a'], ttftMs: 30 }
  const { loadId } = await playground.loads.start(
    request('ollama/llama3.2', { plan: { kind: 'sweep', levels: [1], requestsPerLevel: 50, warmup: 0, seed: 1 } }),
  )
  await until(loadId, (s) => s.ended >= 1)
  playground.loads.stop(loadId)
  const stopped = await until(loadId, (s) => s.state !== 'running')
  expect(stopped.state).toBe('stopped')
  expect(engine.calls.length).toBeLessThan(50)
  expect(() => playground.loads.status('load_nope')).toThrow(/no load test/)
})
