/**
 * The history database: SQLite (node-sqlite3-wasm: plain WebAssembly, so the
 * same code runs in Node 20 and in Electron without a native rebuild) in the
 * app's data directory. Opening it creates or migrates the schema and marks
 * runs left `running` by a crashed process as `stopped`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Database } from 'node-sqlite3-wasm'

export const HISTORY_FILE = 'history.sqlite'
const SCHEMA_VERSION = 1

export interface HistoryDb {
  readonly db: Database
  /**
   * Runs `fn` in one transaction; rolls back and rethrows on error. Every
   * commit reaches the OS before this returns, which is what survives an app
   * crash. `durable` also fsyncs (the run's start and each column's end), so
   * an OS crash or power loss loses at most the frames of the columns still
   * streaming.
   */
  transaction<T>(fn: () => T, options?: { durable?: boolean }): T
  close(): void
}

export function openHistoryDb(dataDir: string): HistoryDb {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  clearStaleLock(dataDir)
  const db = new Database(join(dataDir, HISTORY_FILE))
  // Frames commit ~60 times a second per run: an fsync each (p99 40+ ms here)
  // would stall the event loop that streams them. With synchronous=OFF a commit
  // is in the OS page cache when it returns, durable against the app crashing;
  // `durable` transactions fsync at column and run boundaries. TRUNCATE keeps
  // the rollback journal file instead of re-creating it per transaction.
  db.exec('PRAGMA synchronous = OFF; PRAGMA journal_mode = TRUNCATE; PRAGMA foreign_keys = ON;')
  migrate(db)
  db.run("UPDATE runs SET status = 'stopped' WHERE status = 'running'")
  return {
    db,
    transaction(fn, options = {}) {
      if (options.durable) db.exec('PRAGMA synchronous = FULL')
      try {
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = fn()
          db.exec('COMMIT')
          return result
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw err
        }
      } finally {
        if (options.durable) db.exec('PRAGMA synchronous = OFF')
      }
    },
    close() {
      if (db.isOpen) db.close()
    },
  }
}

/**
 * node-sqlite3-wasm locks the database with a directory (`history.sqlite.lock`)
 * while a statement or transaction runs: during a run, a few percent of the time.
 * A process killed then (crash, SIGKILL, power loss) leaves it behind, and every
 * later open fails with "database is locked". The last process to open the
 * database records its PID beside it; when that process is gone, a lock left on
 * disk is stale and is removed.
 */
function clearStaleLock(dataDir: string): void {
  const lock = join(dataDir, `${HISTORY_FILE}.lock`)
  const ownerFile = join(dataDir, `${HISTORY_FILE}.pid`)
  if (existsSync(lock)) {
    let owner = 0
    try {
      owner = Number.parseInt(readFileSync(ownerFile, 'utf8'), 10)
    } catch {
      // No owner recorded: nobody alive to hold the lock.
    }
    // This process holds no lock yet (statements and transactions here are synchronous):
    // a lock recorded under its own PID was left by an earlier process given the same PID.
    const live = owner > 0 && owner !== process.pid && isAlive(owner)
    if (!live) rmSync(lock, { recursive: true, force: true })
  }
  writeFileSync(ownerFile, String(process.pid), { mode: 0o600 })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
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
