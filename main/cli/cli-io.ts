/** What the CLI's commands share: their exit codes, their output streams, their options. */
import type { Engine } from '../core/engine'
import { scrub } from '../core/settings/scrub'
import type { SecretStore } from '../core/settings/secret-store'
import type { ProgressOut } from './progress'

/** What the process exits with. */
export const EXIT = {
  ok: 0,
  /** A model's goodput is below the spec's `min_goodput`. */
  sloFailed: 1,
  /** Bad arguments or spec, or the data directory is in use: nothing ran. */
  usage: 2,
  /** Every run failed, or the run could not start. */
  runFailed: 3,
} as const

/**
 * The stderr line for an error nothing else caught (a bug, a stray callback): its stack,
 * with anything shaped like a key removed, since no known key value is at hand there.
 */
export function crashLine(program: string, err: unknown): string {
  return `${program}: ${scrub((err as Error)?.stack ?? String(err))}\n`
}

export interface CliIo {
  stdout: ProgressOut
  stderr: ProgressOut
  env: NodeJS.ProcessEnv
}

export interface BenchOptions {
  spec: string
  dataDir?: string
  /** Record nothing: a temporary data directory, removed afterwards. */
  noHistory?: boolean
  out?: string
  engine: Engine
  /**
   * The key store of the data directory in use. Default: the plaintext file store (browser
   * mode's); the desktop app's bench mode opens its safeStorage store, so the keys saved in
   * the app work.
   */
  openSecrets?: (dataDir: string) => Promise<SecretStore>
}
