/**
 * A failed read or write of the app's own files (history, settings, keys),
 * typed by what the user can do about it. Messages name the file and the
 * cause, never the file's bytes (a damaged secrets file is still full of keys).
 */
import { accessSync, constants, statfsSync } from 'node:fs'
import { dirname } from 'node:path'

export type StorageProblem = 'disk-full' | 'read-only' | 'permission' | 'locked' | 'io'

export class StorageError extends Error {
  override readonly name = 'StorageError'
  constructor(
    readonly problem: StorageProblem,
    /** The file that could not be written or read. */
    readonly path: string,
    /** What was not saved, e.g. "This column's output". */
    readonly what: string,
    /** What the user can do, one sentence. */
    readonly hint: string,
    action: 'saved to' | 'read from' = 'saved to',
  ) {
    super(`${what} could not be ${action} ${path}: ${REASONS[problem]}.`)
  }
}

const REASONS: Record<StorageProblem, string> = {
  'disk-full': 'the disk is full',
  'read-only': 'the file system is read-only',
  permission: 'permission denied',
  locked: 'the file is locked by another process',
  io: 'the disk reported an I/O error',
}

/** Below this much free space, a failed write is put down to a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024

/** Classifies `err` (a Node fs error or an SQLite error) from writing `path`. */
export function storageFailure(
  err: unknown,
  path: string,
  what: string,
  action: 'saved to' | 'read from' = 'saved to',
): StorageError {
  const problem = classify(err, path)
  return new StorageError(problem, path, what, hintFor(problem, path), action)
}

function classify(err: unknown, path: string): StorageProblem {
  const code = (err as NodeJS.ErrnoException | null)?.code
  const message = String((err as Error | null)?.message ?? err)
  if (code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full/i.test(message)) return 'disk-full'
  if (code === 'EROFS' || /readonly database/i.test(message)) return 'read-only'
  if (code === 'EACCES' || code === 'EPERM') return 'permission'
  if (code === 'EBUSY' || /database is locked|SQLITE_BUSY/i.test(message)) return 'locked'
  // node-sqlite3-wasm reports any failed write as a bare "disk I/O error": ask the file system.
  const dir = dirname(path)
  try {
    const fsStats = statfsSync(dir)
    if (fsStats.bavail * fsStats.bsize < NEARLY_FULL_BYTES) return 'disk-full'
  } catch {
    // No statfs here (or the directory is gone): fall through.
  }
  try {
    accessSync(dir, constants.W_OK)
  } catch (accessErr) {
    return (accessErr as NodeJS.ErrnoException).code === 'EROFS' ? 'read-only' : 'permission'
  }
  return 'io'
}

function hintFor(problem: StorageProblem, path: string): string {
  const dir = dirname(path)
  switch (problem) {
    case 'disk-full':
      return `Free some space on the disk holding ${dir}, then try again.`
    case 'read-only':
      return `${dir} is on a read-only file system: make it writable, or start the app with another data directory.`
    case 'permission':
      return `Check that your user owns ${dir} and can write to it.`
    case 'locked':
      return `Another process is using ${path}: close it, then try again.`
    case 'io':
      return `Check the disk holding ${dir} (it reported an I/O error).`
  }
}
