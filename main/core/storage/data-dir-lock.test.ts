import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import { createPlayground } from '../create-playground'
import { HISTORY_FILE } from '../history/history-db'
import { createMemorySecretStore } from '../settings/secret-store'
import { acquireDataDirLock, DataDirInUseError, LOCK_FILE } from './data-dir-lock'
import { linuxIdentity, processStartIdentity, psIdentity } from './process-identity'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-lock-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A live process that is not us: what a reused PID points at after a reboot. */
async function withOtherProcess(fn: (pid: number) => Promise<void> | void): Promise<void> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })
  await new Promise((r) => child.once('spawn', r))
  try {
    await fn(child.pid!)
  } finally {
    child.kill('SIGKILL')
  }
}

const lockOf = (pid: number, identity: string | null, host = hostname()) =>
  JSON.stringify({ app: 'edgequake-playground', pid, host, identity, startedAt: '2026-01-01T00:00:00.000Z' })

describe('process start identity', () => {
  test('is stable for one process and differs between processes', async () => {
    const mine = processStartIdentity(process.pid)
    expect(mine).not.toBeNull()
    expect(processStartIdentity(process.pid)).toBe(mine)
    await withOtherProcess((pid) => {
      expect(processStartIdentity(pid)).not.toBe(mine)
    })
  })

  test.skipIf(process.platform !== 'linux')('the /proc and ps readings agree on what is the same process', async () => {
    await withOtherProcess((pid) => {
      expect(linuxIdentity(pid)).toBe(linuxIdentity(pid))
      // `ps` reports start times to the second: enough to tell a PID's new owner (PIDs are
      // reused only after wrapping around), not two processes started in the same second.
      expect(psIdentity(pid)).toMatch(/^ps:\S/)
      expect(psIdentity(pid)).toBe(psIdentity(pid))
    })
  })
})

describe('data directory lock', () => {
  test('a second holder is refused with the holder’s PID; release frees it', () => {
    const lock = acquireDataDirLock(dir)
    let err: unknown
    try {
      acquireDataDirLock(dir)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(DataDirInUseError)
    expect((err as Error).message).toContain(`process ${process.pid}`)
    expect((err as Error).message).toContain(dir)
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    acquireDataDirLock(dir).release()
  })

  test('a lock whose process is gone is stale', () => {
    writeFileSync(join(dir, LOCK_FILE), lockOf(2 ** 22 + 12345, 'linux:x:1'))
    acquireDataDirLock(dir, { isAlive: () => false }).release()
  })

  test('a lock whose PID now belongs to another process (PID reuse) is stale', async () => {
    await withOtherProcess((pid) => {
      writeFileSync(join(dir, LOCK_FILE), lockOf(pid, 'linux:an-earlier-boot:4242'))
      const lock = acquireDataDirLock(dir)
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
      lock.release()
    })
  })

  test('our own PID recorded by an earlier process (a container’s PID 1 after restart) is stale', () => {
    writeFileSync(join(dir, LOCK_FILE), lockOf(process.pid, 'linux:an-earlier-boot:1'))
    acquireDataDirLock(dir).release()
  })

  test('a live holder with the same start identity, or on another host, holds it', async () => {
    await withOtherProcess((pid) => {
      writeFileSync(join(dir, LOCK_FILE), lockOf(pid, processStartIdentity(pid)))
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`process ${pid} on`))
    })
    writeFileSync(join(dir, LOCK_FILE), lockOf(1, null, 'another-host'))
    expect(() => acquireDataDirLock(dir)).toThrow(/on another-host/)
  })

  test('a start after kill -9 with SQLite’s lock left behind under a reused PID is not blocked', async () => {
    // What a crash then a reboot leaves: SQLite's lock directory, and the PID file older
    // versions wrote, naming a PID that now belongs to a live, unrelated process.
    await withOtherProcess(async (pid) => {
      mkdirSync(join(dir, `${HISTORY_FILE}.lock`))
      writeFileSync(join(dir, `${HISTORY_FILE}.pid`), String(pid))
      writeFileSync(join(dir, LOCK_FILE), lockOf(pid, 'linux:an-earlier-boot:99'))
      const engine = new FakeEngine()
      const playground = createPlayground({
        engine,
        dataDir: dir,
        secrets: createMemorySecretStore(),
        localServers: [],
      })
      expect(await playground.api.listHistory()).toEqual([])
      await playground.close()
    })
  })

  test('createPlayground tightens a pre-existing data directory to 0700 and refuses a second instance', async () => {
    if (process.platform === 'win32') return
    const data = join(dir, 'data')
    mkdirSync(data, { mode: 0o755 })
    const make = () =>
      createPlayground({
        engine: new FakeEngine(),
        dataDir: data,
        secrets: createMemorySecretStore(),
        localServers: [],
      })
    const first = make()
    expect(statSync(data).mode & 0o777).toBe(0o700)
    expect(make).toThrow(DataDirInUseError)
    await first.close()
    await make().close()
  })
})
