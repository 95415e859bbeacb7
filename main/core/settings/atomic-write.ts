/**
 * Crash-safe file replacement: write a temp file beside the target (looping
 * until every byte is written: a full disk first answers with a short write),
 * fsync it, keep the current file as `<name>.bak`, rename the temp over the
 * target, fsync the directory. Any failure before the rename removes the temp
 * and throws, leaving the target untouched: a partial temp file is never
 * renamed over a good one. A crash at any point leaves the old file or the new
 * one (and the backup), never a torn mix.
 */
import * as fs from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** The file operations used, injectable so tests can simulate a full disk or a failing fsync. */
export interface FileIo {
  openSync(path: string, flags: string, mode?: number): number
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number
  fsyncSync(fd: number): void
  closeSync(fd: number): void
  renameSync(from: string, to: string): void
  linkSync(existing: string, newPath: string): void
  copyFileSync(from: string, to: string): void
  rmSync(path: string, options: { force: boolean }): void
  existsSync(path: string): boolean
}

export const nodeFileIo: FileIo = {
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  linkSync: (existing, newPath) => fs.linkSync(existing, newPath),
  copyFileSync: (from, to) => fs.copyFileSync(from, to),
  rmSync: (path, options) => fs.rmSync(path, options),
  existsSync: (path) => fs.existsSync(path),
}

export interface AtomicWriteOptions {
  /** File mode of the new file (e.g. 0o600 for secrets); applied at creation, before any byte is written. */
  mode?: number
  io?: FileIo
}

/** The backup kept of the file a write replaced. */
export function backupPath(path: string): string {
  return `${path}.bak`
}

export function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions = {}): void {
  const io = options.io ?? nodeFileIo
  const dir = dirname(path)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  const bytes = Buffer.from(data, 'utf8')
  const fd = io.openSync(temp, 'w', options.mode ?? 0o600)
  try {
    writeAll(io, fd, bytes)
    io.fsyncSync(fd)
  } catch (err) {
    closeQuietly(io, fd)
    io.rmSync(temp, { force: true })
    throw err
  }
  io.closeSync(fd)
  try {
    keepBackup(io, path)
    io.renameSync(temp, path)
  } catch (err) {
    io.rmSync(temp, { force: true })
    throw err
  }
  fsyncDir(io, dir)
}

/** `write(2)` may write fewer bytes than asked (a disk filling up); the next call then fails with ENOSPC. */
function writeAll(io: FileIo, fd: number, bytes: Buffer): void {
  let offset = 0
  while (offset < bytes.length) {
    const written = io.writeSync(fd, bytes, offset, bytes.length - offset)
    if (!(written > 0)) throw Object.assign(new Error('write made no progress (disk full?)'), { code: 'ENOSPC' })
    offset += written
  }
}

/**
 * The file about to be replaced becomes `<name>.bak` (a hard link, so the good
 * bytes are not copied; a copy where links are not supported). Linked under a
 * temp name, then renamed, so an old backup is replaced atomically too.
 */
function keepBackup(io: FileIo, path: string): void {
  if (!io.existsSync(path)) return
  const temp = `${backupPath(path)}.${process.pid}.tmp`
  io.rmSync(temp, { force: true })
  try {
    io.linkSync(path, temp)
  } catch {
    io.copyFileSync(path, temp)
  }
  io.renameSync(temp, backupPath(path))
}

function closeQuietly(io: FileIo, fd: number): void {
  try {
    io.closeSync(fd)
  } catch {
    // Already failing: the write's error is the one to report.
  }
}

/** Makes the rename durable. Windows cannot open a directory for fsync; there the rename is already durable enough. */
function fsyncDir(io: FileIo, dir: string): void {
  let fd: number
  try {
    fd = io.openSync(dir, 'r')
  } catch {
    return
  }
  try {
    io.fsyncSync(fd)
  } catch {
    // EISDIR/EPERM on some platforms: the directory entry is flushed by the OS later.
  } finally {
    io.closeSync(fd)
  }
}
