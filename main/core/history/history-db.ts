/**
 * The history database: SQLite (node-sqlite3-wasm: plain WebAssembly, so the
 * same code runs in Node 20 and in Electron without a native rebuild) in the
 * app's data directory. Opening it checks the file (`quick_check`), creates or
 * migrates the schema and marks runs left `running` by a crashed process as
 * `stopped`. A damaged file is refused with its path and what to do: it is
 * never overwritten.
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Database } from 'node-sqlite3-wasm'
import type { DataDirLock } from '../storage/data-dir-lock'

export const HISTORY_FILE = 'history.sqlite'
const SCHEMA_VERSION = 1

export interface HistoryDb {
  readonly db: Database
  readonly path: string
  /**
   * Runs `fn` in one transaction; rolls back and rethrows on error. Every
   * commit is in the write-ahead log before this returns, which survives an
   * app crash; `durable` also fsyncs the log (the run's start and each
   * column's end), so a power loss loses at most the last frames of the
   * columns still streaming, and never corrupts the file.
   */
  transaction<T>(fn: () => T, options?: { durable?: boolean }): T
  close(): void
}

/** The history file cannot be used as it is; nothing was changed. */
export class HistoryDamagedError extends Error {
  override readonly name = 'HistoryDamagedError'
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(
      `The history database ${path} is damaged (${detail}); it was left as it is. To start with an empty history, ` +
        `move ${path} (and ${path}-wal if present) out of the data directory, then start again. To try to recover ` +
        `runs from it first: sqlite3 ${path} ".recover" | sqlite3 recovered.sqlite`,
    )
  }
}

/**
 * `lock` is the data directory's lock (one process per data directory): only
 * with it held may a lock directory SQLite left behind be removed as stale.
 */
export function openHistoryDb(dataDir: string, _lock: DataDirLock): HistoryDb {
  const path = join(dataDir, HISTORY_FILE)
  clearStaleSqliteLock(dataDir)
  const db = new Database(path)
  try {
    // WAL cannot be torn by a power loss (SQLite: "WAL mode is always consistent
    // with synchronous=NORMAL") and commits without an fsync, so ~60 frame
    // commits a second stay cheap (bench/history-write-cost.mjs: p50 0.15 ms for
    // 8 columns, against 1.1 ms for the rollback journal with synchronous=OFF,
    // which could corrupt the file on power loss). node-sqlite3-wasm's VFS has no
    // shared memory; WAL works without it in exclusive locking mode, which is
    // what we want anyway: this process alone uses the file.
    db.exec('PRAGMA locking_mode = EXCLUSIVE')
    const mode = db.get('PRAGMA journal_mode = WAL') as { journal_mode: string } | null
    if (mode?.journal_mode !== 'wal') db.exec('PRAGMA journal_mode = DELETE')
    db.exec('PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
    checkIntegrity(db, path)
    migrate(db)
    db.run("UPDATE runs SET status = 'stopped' WHERE status = 'running'")
  } catch (err) {
    db.close()
    if (err instanceof HistoryDamagedError) throw err
    const message = (err as Error).message
    if (/malformed|not a database|corrupt/i.test(message)) throw new HistoryDamagedError(path, message)
    throw err
  }
  return {
    db,
    path,
    transaction(fn, options = {}) {
      if (options.durable) db.exec('PRAGMA synchronous = FULL')
      try {
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = fn()
          db.exec('COMMIT')
          return result
        } catch (err) {
          rollbackQuietly(db)
          throw err
        }
      } finally {
        if (options.durable) db.exec('PRAGMA synchronous = NORMAL')
      }
    },
    close() {
      if (db.isOpen) db.close()
    },
  }
}

/** After a failed write (disk full) the rollback can fail too: the write's error is the one to report. */
function rollbackQuietly(db: Database): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK')
  } catch {
    // SQLite rolls back a failed transaction itself when it cannot continue it.
  }
}

/** `quick_check` reads every page: damage inside the file shows now, not in the middle of a run. */
function checkIntegrity(db: Database, path: string): void {
  const rows = db.all('PRAGMA quick_check') as Array<{ quick_check: string }>
  const first = rows[0]?.quick_check
  if (first !== 'ok') {
    const detail = (first ?? 'no result').replace(/^\*\*\* in database main \*\*\*\n/, '').split('\n')[0]
    throw new HistoryDamagedError(
      path,
      `quick_check: ${detail}${rows.length > 1 ? ` and ${rows.length - 1} more` : ''}`,
    )
  }
}

/**
 * node-sqlite3-wasm locks the database with a directory (`history.sqlite.lock`)
 * held while the connection is open (exclusive locking mode). A process killed
 * (crash, SIGKILL, power loss) leaves it behind. The caller holds the data
 * directory's lock, so no live process can own it: it is stale. (Older versions
 * also left `history.sqlite.pid`.)
 */
function clearStaleSqliteLock(dataDir: string): void {
  const lock = join(dataDir, `${HISTORY_FILE}.lock`)
  if (existsSync(lock)) rmSync(lock, { recursive: true, force: true })
  rmSync(join(dataDir, `${HISTORY_FILE}.pid`), { force: true })
}

function migrate(db: Database): void {
  const version = Number((db.get('PRAGMA user_version') as { user_version: number } | null)?.user_version ?? 0)
  if (version >= SCHEMA_VERSION) return
  db.exec(`
    BEGIN;
    CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      request TEXT NOT NULL,          -- RunRequest JSON; never holds a key
      prompt TEXT NOT NULL,           -- the last user turn, for listing and search
      models TEXT NOT NULL,           -- JSON array of the columns' models
      iterations INTEGER NOT NULL,
      status TEXT NOT NULL,           -- running | done | failed | stopped
      stats TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX IF NOT EXISTS runs_created_at ON runs (created_at DESC);
    CREATE TABLE IF NOT EXISTS columns (
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      column_id TEXT NOT NULL,
      iteration INTEGER NOT NULL,
      model TEXT NOT NULL,
      output TEXT NOT NULL DEFAULT '',
      reasoning TEXT NOT NULL DEFAULT '',
      timing TEXT,
      usage TEXT,
      error TEXT,
      cost REAL,
      PRIMARY KEY (run_id, column_id, iteration)
    );
    PRAGMA user_version = ${SCHEMA_VERSION};
    COMMIT;
  `)
}
