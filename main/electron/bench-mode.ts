/**
 * The desktop app as the headless bench: `<app> bench <spec> [--out DIR] [--data-dir DIR]
 * [--no-history]` runs main/cli's command line in this main process (the shipped app's fuses
 * forbid ELECTRON_RUN_AS_NODE, so it cannot run dist/main/cli.cjs), writes to
 * stdout/stderr and exits with the CLI's code. It opens no window and takes no
 * single-instance lock (startDesktopApp hands over before either), starts no updater and
 * serves no renderer. Its history is the app's: userData by default, with the keys saved
 * in the app (safeStorage, which answers only after `ready`). A running app holds that
 * directory's lock: the bench then exits 2 and says to close the app or pass --data-dir or
 * --no-history.
 */

import { crashLine, EXIT } from '../cli/cli-io'
import { runCommand } from '../cli/command'
import type { Engine } from '../core/engine'
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store'

/** stdout or stderr: `write('', done)` calls `done` once what was written before is flushed. */
export interface OutputStream {
  write(text: string, done?: () => void): unknown
  isTTY?: boolean
  /** A closed pipe (`… bench spec.yaml | head`) reports EPIPE here; without a listener it would be fatal. */
  on?(event: 'error', listener: (err: Error) => void): unknown
}

export interface BenchModeDeps {
  app: {
    whenReady(): Promise<unknown>
    getPath(name: 'userData'): string
    exit(code: number): void
    /** macOS only: hidden, so a terminal run puts no icon in the Dock. */
    dock?: { hide(): void } | undefined
  }
  safeStorage: SafeStorageLike
  createEngine: () => Engine
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** The executable as the user typed it (argv[0]), named in the usage. */
  program: string
  stdout: OutputStream
  stderr: OutputStream
  /**
   * `(l) => process.on('uncaughtException', l)`: in bench mode an uncaught error ends the
   * run with exit 3 on stderr, instead of Electron's error dialog, which would wait
   * for a click nobody is there to give.
   */
  onUncaughtException: (listener: (err: Error) => void) => void
  /** Tests only: FLUSH_LIMIT_MS. */
  flushLimitMs?: number
}

/** Runs the CLI's `args` (`['bench', spec, …]`) and ends the process with its exit code. */
export function runBenchMode(deps: BenchModeDeps, args: string[]): Promise<void> {
  const { app, stdout, stderr } = deps
  app.dock?.hide()
  // The output is a convenience, the exit code the contract: a reader gone away stops neither.
  for (const stream of [stdout, stderr]) stream.on?.('error', () => {})
  const io = {
    stdout: { write: (t: string) => void stdout.write(t), isTTY: stdout.isTTY === true },
    stderr: { write: (t: string) => void stderr.write(t), isTTY: stderr.isTTY === true },
    env: deps.env,
  }
  deps.onUncaughtException((err) => {
    io.stderr.write(crashLine(deps.program, err))
    app.exit(EXIT.runFailed)
  })
  const run = async (): Promise<number> => {
    await app.whenReady()
    return runCommand(args, {
      program: deps.program,
      engine: deps.createEngine,
      io,
      dataDir: app.getPath('userData'),
      dataDirHelp: "the app's own data folder, where its History is",
      openSecrets: (dataDir) =>
        createSafeStorageSecretStore(dataDir, {
          safeStorage: deps.safeStorage,
          platform: deps.platform,
          log: (m) => io.stderr.write(`${m}\n`),
        }),
    })
  }
  return run()
    .catch((err: unknown) => {
      io.stderr.write(crashLine(deps.program, err))
      return EXIT.runFailed
    })
    .then(async (code) => {
      // app.exit ends the process at once: let piped output (asynchronous on some systems) drain first.
      const limitMs = deps.flushLimitMs ?? FLUSH_LIMIT_MS
      await Promise.all([flushed(stdout, limitMs), flushed(stderr, limitMs)])
      app.exit(code)
    })
}

/** How long to wait for a stream that never calls back (a console gone away): the exit code matters more. */
export const FLUSH_LIMIT_MS = 5_000

function flushed(stream: OutputStream, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const limit = setTimeout(resolve, limitMs)
    stream.write('', () => {
      clearTimeout(limit)
      resolve()
    })
  })
}
