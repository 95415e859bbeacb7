/**
 * The data directory: browser mode's location (`$EQ_DATA_DIR`, else
 * `~/.edgequake-playground`; Electron uses userData instead), and its
 * preparation for either shell: created or tightened to 0700 (it holds keys
 * in browser mode, and every prompt and output), then locked to this process.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock'

export function browserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.EQ_DATA_DIR ? resolve(env.EQ_DATA_DIR) : join(homedir(), '.edgequake-playground')
}

/** Creates the directory (0700) or tightens an existing one, then takes its lock (DataDirInUseError if held). */
export function prepareDataDir(dataDir: string, log: (message: string) => void): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  if (process.platform !== 'win32' && (statSync(dataDir).mode & 0o077) !== 0) {
    try {
      chmodSync(dataDir, 0o700)
    } catch (err) {
      log(`could not make ${dataDir} private (0700): ${(err as Error).message}`)
    }
  }
  return acquireDataDirLock(dataDir)
}
