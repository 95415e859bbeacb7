/**
 * Reads one of the app's JSON files (settings, browser-mode keys) and
 * recovers from damage: a file that is not a JSON object is moved aside with a
 * timestamp (kept for the user, never deleted), the backup `writeFileAtomic`
 * keeps (`<name>.bak`) takes its place when it is sound, else the caller's
 * defaults; either way a StorageNotice says so with the paths. Errors and
 * notices never quote the file's bytes: a damaged keys file is still full of keys.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs'
import type { StorageNotice } from '../../common/api'
import { backupPath, writeFileAtomic } from '../settings/atomic-write'
import { storageFailure } from './storage-error'

export interface JsonFileOptions {
  /** What the file holds, for messages: "Settings", "API keys". */
  label: string
  /** File mode when the backup is restored (0o600 for every file of ours). */
  mode?: number
  /** Receives the notice when the file was damaged. */
  onNotice(notice: StorageNotice): void
  /** What the defaults mean to the user, e.g. "saved keys must be set again". */
  lostWithoutBackup: string
  now?: () => Date
}

/** The file's JSON object, or null when there is no file (or it was damaged and had no sound backup). */
export function readJsonObjectFile(path: string, options: JsonFileOptions): Record<string, unknown> | null {
  if (!existsSync(path)) return null
  const parsed = parseObject(readText(path, options.label))
  if (parsed) return parsed
  const movedTo = `${path}.damaged-${stamp(options.now?.() ?? new Date())}`
  try {
    renameSync(path, movedTo)
  } catch (err) {
    // Never overwrite a damaged file we could not keep: the user may want to recover it.
    throw storageFailure(err, path, `${options.label} (damaged; moving it aside failed)`, 'read from')
  }
  const backup = backupPath(path)
  const restored = existsSync(backup) ? parseObject(readText(backup, options.label)) : null
  if (restored) {
    writeFileAtomic(path, JSON.stringify(restored, null, 2), { mode: options.mode ?? 0o600 })
    options.onNotice({
      file: path,
      movedTo,
      restoredFrom: 'backup',
      message: `${options.label}: ${path} was damaged (not a readable JSON object). It was moved to ${movedTo}, and the previous good copy (${backup}) was restored.`,
    })
    return restored
  }
  options.onNotice({
    file: path,
    movedTo,
    restoredFrom: 'defaults',
    message: `${options.label}: ${path} was damaged (not a readable JSON object) and there was no good backup. It was moved to ${movedTo}; the app started from defaults: ${options.lostWithoutBackup}.`,
  })
  return null
}

function readText(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    throw storageFailure(err, path, label, 'read from')
  }
}

/** The parsed object, or null; JSON.parse's own message (which quotes the text) is dropped on purpose. */
function parseObject(text: string): Record<string, unknown> | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/** 2026-11-26T01-02-03Z: sortable, and valid in file names on every OS. */
function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')
}
