/**
 * One process per data directory: two instances writing the same settings,
 * keys and history would overwrite each other and fight over SQLite's lock.
 * The lock is a file (`instance.lock`, created exclusively) naming its holder:
 * PID, host, and the process's start identity, so a lock left by a crashed
 * process is recognised as stale even when its PID now belongs to another
 * process. A second instance is refused with the holder's PID and start time.
 */
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { isProcessAlive, processStartIdentity } from './process-identity'

export const LOCK_FILE = 'instance.lock'

interface LockInfo {
  app: 'edgequake-playground'
  pid: number
  host: string
  /** processStartIdentity(pid) when the lock was taken; null when the OS could not tell. */
  identity: string | null
  startedAt: string
}

/** Another live process holds the data directory. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError'
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; host: string; startedAt: string },
  ) {
    super(
      `The data directory ${dataDir} is in use by another EdgeQuake Playground (process ${holder.pid} on ${holder.host}, ` +
        `running since ${holder.startedAt}). Close that one first, or start this one with another data directory ` +
        `(EQ_DATA_DIR in browser mode). If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    )
  }
}

export interface DataDirLock {
  readonly path: string
  /** Removes the lock if it is still ours. Idempotent. */
  release(): void
}

export interface LockDeps {
  pid?: number
  identityOf?: (pid: number) => string | null
  isAlive?: (pid: number) => boolean
  host?: string
}

export function acquireDataDirLock(dataDir: string, deps: LockDeps = {}): DataDirLock {
  const path = join(dataDir, LOCK_FILE)
  const pid = deps.pid ?? process.pid
  const identityOf = deps.identityOf ?? processStartIdentity
  const isAlive = deps.isAlive ?? isProcessAlive
  const host = deps.host ?? hostname()
  const mine: LockInfo = {
    app: 'edgequake-playground',
    pid,
    host,
    identity: identityOf(pid),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
  }
  const text = JSON.stringify(mine)

  const held = (other: LockInfo): boolean => {
    if (other.host !== host) return true // another machine (a shared folder): we cannot check, so we do not take it
    if (!isAlive(other.pid)) return false
    if (other.identity === null) return true // alive and nothing to tell it apart: assume it is the holder
    return identityOf(other.pid) === other.identity
  }

  // A few rounds: a stale lock is removed, then the exclusive create is tried again (another process may win it).
  for (let round = 0; round < 5; round++) {
    let fd: number
    try {
      fd = openSync(path, 'wx', 0o600)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const raw = readQuietly(path)
      const other = parseLock(raw)
      if (other && held(other)) throw new DataDirInUseError(dataDir, other)
      // Stale (its process is gone, or the PID now belongs to another process) or unreadable:
      // remove it unless it changed since we read it.
      if (readQuietly(path) === raw) rmSync(path, { force: true })
      continue
    }
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    let released = false
    return {
      path,
      release() {
        if (released) return
        released = true
        if (readQuietly(path) === text) rmSync(path, { force: true })
      },
    }
  }
  throw new Error(`could not take the lock ${path}: other processes keep replacing it`)
}

function readQuietly(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

function parseLock(raw: string | null): LockInfo | null {
  if (!raw) return null
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null
    return {
      app: 'edgequake-playground',
      pid: v.pid,
      host: v.host,
      identity: typeof v.identity === 'string' ? v.identity : null,
      startedAt: typeof v.startedAt === 'string' ? v.startedAt : 'an unknown time',
    }
  } catch {
    return null
  }
}
