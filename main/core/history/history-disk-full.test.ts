/**
 * The real history database when writes fail mid-run: on a 4 MiB tmpfs filled
 * up (as root, where mounting works), and through a write hook in the SQLite
 * VFS's file calls (everywhere). Either way the column stops with an error
 * saying what was not saved and why, and history holds exactly what was shown.
 */
import { execFileSync } from 'node:child_process'
import fs, { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import type { RunEvent } from '../../common/api'
import { createPlayground, type Playground } from '../create-playground'
import { HISTORY_WRITE_ERROR } from '../runs/history-failure'
import { createMemorySecretStore } from '../settings/secret-store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-diskfull-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Mounts a small tmpfs at `mnt`; false (with the reason logged) where that is not possible. */
function mountTmpfs(mnt: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  mkdirSync(mnt)
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'pipe' })
    return true
  } catch (err) {
    console.warn(`tmpfs disk-full test skipped: mount failed (${(err as Error).message.split('\n')[0]})`)
    return false
  }
}

/** Fills the file system holding `path` up to `leave` bytes. */
function fill(path: string, leave: number): void {
  const { bavail, bsize } = fs.statfsSync(join(path, '..'))
  writeFileSync(path, Buffer.alloc(Math.max(0, bavail * bsize - leave)))
}

async function longRun(playground: Playground, engine: FakeEngine) {
  engine.script('openai/long', { chunks: Array.from({ length: 3000 }, (_, i) => `w${i} `.padEnd(40, '.')), gapMs: 1 })
  const events: RunEvent[] = []
  let finished: () => void = () => {}
  const done = new Promise<void>((r) => {
    finished = r
  })
  const { runId } = await playground.api.startRun(
    {
      messages: [{ role: 'user', content: 'fill the disk' }],
      params: {},
      columns: [{ columnId: 'a', model: 'openai/long' }],
    },
    (e) => {
      events.push(e)
      if (e.type === 'run-finished') finished()
    },
  )
  await done
  const shown = events
    .flatMap((e) => (e.type === 'parts' ? e.parts : []))
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('')
  const failed = events.find((e) => e.type === 'column-failed')
  return { runId, shown, failed: failed?.type === 'column-failed' ? failed : null }
}

const open = (dataDir: string, engine = new FakeEngine()) =>
  createPlayground({ engine, dataDir, secrets: createMemorySecretStore(), localServers: [], log: () => {} })

describe('history on a failing disk', () => {
  const mnt = () => join(dir, 'mnt')
  test('a full tmpfs: the column stops with "disk is full", history holds exactly what was shown', async (ctx) => {
    if (!mountTmpfs(mnt())) return ctx.skip()
    try {
      const dataDir = join(mnt(), 'data')
      const engine = new FakeEngine()
      const playground = open(dataDir, engine)
      fill(join(mnt(), 'filler'), 96 * 1024)
      const { runId, shown, failed } = await longRun(playground, engine)
      expect(failed?.error.name).toBe(HISTORY_WRITE_ERROR)
      expect(failed?.error.message).toContain(join(dataDir, 'history.sqlite'))
      expect(failed?.error.message).toMatch(/the disk is full/)
      expect(failed?.error.hint).toMatch(/Free some space/)
      rmSync(join(mnt(), 'filler'))
      await playground.close()
      const reopened = open(dataDir)
      const stored = (await reopened.api.getRun(runId))!.columns[0]!.output
      await reopened.close()
      expect(stored).toBe(shown)
      expect(shown.length).toBeGreaterThan(0)
    } finally {
      execFileSync('umount', [mnt()])
    }
  })

  test('a write hook failing the VFS writes: the column stops, history holds exactly what was shown', async () => {
    const dataDir = join(dir, 'data')
    const engine = new FakeEngine()
    const playground = open(dataDir, engine)
    const realWrite = fs.writeSync
    let frames = 0
    // node-sqlite3-wasm calls fs.writeSync(fd, heapView, 0, n, offset) for every page it writes.
    fs.writeSync = ((...args: unknown[]) => {
      if (args.length === 5 && ++frames > 40)
        throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' })
      return (realWrite as (...a: unknown[]) => number)(...args)
    }) as typeof fs.writeSync
    let result: Awaited<ReturnType<typeof longRun>>
    try {
      result = await longRun(playground, engine)
    } finally {
      fs.writeSync = realWrite
    }
    expect(result.failed?.error.name).toBe(HISTORY_WRITE_ERROR)
    expect(result.failed?.error.message).toMatch(/could not be saved to .*history\.sqlite/)
    await playground.close()
    const reopened = open(dataDir)
    const stored = (await reopened.api.getRun(result.runId))!.columns[0]!.output
    await reopened.close()
    expect(stored).toBe(result.shown)
    expect(result.shown.length).toBeGreaterThan(0)
  })
})
