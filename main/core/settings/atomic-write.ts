/**
 * Crash-safe file replacement: write a temp file beside the target, fsync it,
 * rename it over the target, fsync the directory. A crash at any point leaves
 * either the old file or the new one, never a torn mix.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteOptions {
  /** File mode of the new file (e.g. 0o600 for secrets); applied at creation, before any byte is written. */
  mode?: number
}

export function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions = {}): void {
  const dir = dirname(path)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  const fd = openSync(temp, 'w', options.mode ?? 0o644)
  try {
    writeSync(fd, data)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw err
  }
  closeSync(fd)
  renameSync(temp, path)
  fsyncDir(dir)
}

/** Makes the rename durable. Windows cannot open a directory for fsync; there the rename is already durable enough. */
function fsyncDir(dir: string): void {
  let fd: number
  try {
    fd = openSync(dir, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } catch {
    // EISDIR/EPERM on some platforms: the directory entry is flushed by the OS later.
  } finally {
    closeSync(fd)
  }
}
