/** Opening the history database: crash-safe mode, and damaged files refused with the path and what to do. */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import { createPlayground } from '../create-playground'
import { createMemorySecretStore } from '../settings/secret-store'
import { acquireDataDirLock } from '../storage/data-dir-lock'
import { HISTORY_FILE, HistoryDamagedError, openHistoryDb } from './history-db'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-history-open-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A history with enough runs to span many pages. */
async function populate(): Promise<string> {
  const engine = new FakeEngine()
  engine.script('openai/m', { chunks: Array.from({ length: 4 }, (_, i) => `token${i} `.repeat(500)) })
  const p = createPlayground({ engine, dataDir: dir, secrets: createMemorySecretStore(), localServers: [] })
  for (let i = 0; i < 8; i++) {
    await new Promise<void>((resolve) => {
      void p.api.startRun(
        {
          messages: [{ role: 'user', content: `run ${i}` }],
          params: {},
          columns: [{ columnId: 'a', model: 'openai/m' }],
        },
        (e) => e.type === 'run-finished' && resolve(),
      )
    })
  }
  await p.close()
  return join(dir, HISTORY_FILE)
}

function openFails(): Error {
  const lock = acquireDataDirLock(dir)
  try {
    openHistoryDb(dir, lock).close()
  } catch (err) {
    return err as Error
  } finally {
    lock.release()
  }
  throw new Error('the damaged database opened')
}

describe('history database at open', () => {
  test('runs in WAL with synchronous=NORMAL (cannot be corrupted by a power loss)', () => {
    const lock = acquireDataDirLock(dir)
    const h = openHistoryDb(dir, lock)
    expect(h.db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' })
    expect(h.db.get('PRAGMA synchronous')).toEqual({ synchronous: 1 })
    h.close()
    lock.release()
  })

  test.each([
    ['truncated', (path: string) => truncateSync(path, 100)],
    ['cut in half', (path: string) => truncateSync(path, Math.floor(statSync(path).size / 2))],
    [
      'a foreign header',
      (path: string) => {
        const fd = openSync(path, 'r+')
        writeSync(fd, Buffer.from('NOT A DATABASE!!'), 0, 16, 0)
        closeSync(fd)
      },
    ],
    [
      'damage inside (found by quick_check)',
      (path: string) => {
        const fd = openSync(path, 'r+')
        // Inside a b-tree page near the middle of the file: the header stays valid. (A page
        // of overflow text holds no structure quick_check could find broken.)
        const pages = Math.floor(statSync(path).size / 4096)
        const bytes = readFileSync(path)
        const btree = (n: number) => [0x02, 0x05, 0x0a, 0x0d].includes(bytes[n * 4096]!)
        const middle = Math.floor(pages / 2)
        const page = Array.from({ length: pages }, (_, k) => middle + (k % 2 ? -1 : 1) * Math.ceil(k / 2)).find(
          (n) => n > 0 && n < pages && btree(n),
        )!
        writeSync(fd, Buffer.alloc(3000, 0x41), 0, 3000, page * 4096 + 100)
        closeSync(fd)
      },
    ],
  ])('%s: refused with the path and what to do; the file is left as it is', async (_name, damage) => {
    const path = await populate()
    damage(path)
    const before = readFileSync(path)
    const err = openFails()
    expect(err).toBeInstanceOf(HistoryDamagedError)
    expect(err.message).toContain(path)
    expect(err.message).toMatch(/move .* out of the data directory/)
    expect(readFileSync(path).equals(before)).toBe(true)
    // The data directory's lock is not left behind by the failed start.
    acquireDataDirLock(dir).release()
  })
})
