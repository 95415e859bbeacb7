import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Database } from 'node-sqlite3-wasm'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import type { RunEvent } from '../../common/api'
import { createPlayground } from '../create-playground'
import { createFileSecretStore } from '../settings/file-secret-store'
import { acquireDataDirLock } from '../storage/data-dir-lock'
import { openHistoryDb } from './history-db'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-history-measures-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('history keeps what arrived when and the prompt-cache label, for TTFA and token ITL later', async () => {
  const engine = new FakeEngine().script('openai/m', { reasoning: ['think'], chunks: ['Hi', ' there'], gapMs: 1 })
  const playground = createPlayground({
    engine,
    dataDir: dir,
    secrets: createFileSecretStore(dir),
    localServers: [],
    env: {},
  })
  const ended = new Promise<void>((resolve) => {
    void playground.api.startRun(
      {
        messages: [{ role: 'user', content: 'hi' }],
        params: {},
        columns: [{ columnId: 'a', model: 'openai/m' }],
        repeat: { count: 2, mode: 'sequential', cache: 'cold' },
      },
      (e: RunEvent) => e.type === 'run-finished' && resolve(),
    )
  })
  await ended
  const [summary] = await playground.api.listHistory()
  const run = (await playground.api.getRun(summary!.runId))!
  expect(run.columns.map((c) => c.promptCache)).toEqual(['cold', 'cold'])
  const arrivals = run.columns[0]!.arrivals!
  expect(arrivals.map((a) => [a.reasoning, a.text])).toEqual([
    [5, 0],
    [0, 2],
    [0, 6],
  ])
  expect(run.stats[0]!.ttfaMs!.samples).toHaveLength(2)
  await playground.close()
})

test('a version-1 history file gains the new columns and keeps its runs', () => {
  // Build a v1 file by hand: the schema as it was, one run.
  const path = join(dir, 'history.sqlite')
  const old = new Database(path)
  old.exec(`
    CREATE TABLE runs (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, request TEXT NOT NULL, prompt TEXT NOT NULL,
      models TEXT NOT NULL, iterations INTEGER NOT NULL, status TEXT NOT NULL, stats TEXT NOT NULL DEFAULT '[]');
    CREATE TABLE columns (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, column_id TEXT NOT NULL,
      iteration INTEGER NOT NULL, model TEXT NOT NULL, output TEXT NOT NULL DEFAULT '', reasoning TEXT NOT NULL DEFAULT '',
      timing TEXT, usage TEXT, error TEXT, cost REAL, PRIMARY KEY (run_id, column_id, iteration));
    INSERT INTO runs VALUES ('r1', 1, '{"messages":[],"params":{},"columns":[{"columnId":"a","model":"x/y"}]}', 'p', '["x/y"]', 1, 'done', '[]');
    INSERT INTO columns (run_id, column_id, iteration, model, output) VALUES ('r1', 'a', 0, 'x/y', 'old output');
    PRAGMA user_version = 1;
  `)
  old.close()
  const lock = acquireDataDirLock(dir)
  const h = openHistoryDb(dir, lock)
  try {
    expect(h.db.get('PRAGMA user_version')).toEqual({ user_version: 2 })
    const row = h.db.get('SELECT output, arrivals, prompt_cache FROM columns') as Record<string, unknown>
    expect(row).toEqual({ output: 'old output', arrivals: null, prompt_cache: null })
  } finally {
    h.close()
    lock.release()
  }
})
