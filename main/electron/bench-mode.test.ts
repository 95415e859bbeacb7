/**
 * The desktop app started as `<app> bench <spec>`, through startDesktopApp with faked
 * Electron APIs (each records whether it was touched) and the real engine's Simulated
 * provider: the CLI's exit codes and output, the app's data directory, and none of the
 * app's machinery — no single-instance lock, window, app: scheme, IPC, updater or core.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { EXIT } from '../cli/cli-io'
import { createPlayground } from '../core/create-playground'
import { createEngine } from '../core/engine'
import { createFileSecretStore } from '../core/settings/file-secret-store'
import { runBenchMode } from './bench-mode'
import { type DesktopDeps, startDesktopApp } from './desktop-app'

const EXE = '/opt/EdgeQuake Playground/edgequake-playground'
const FAST = 'simulated: {ttft_ms: 5, tokens_per_second: 4000}'

let dir: string
let userData: string
let touched: string[]
let events: string[]
let out: { stdout: string; stderr: string }
let uncaught: ((err: Error) => void) | null
let errorListeners: number

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-bench-mode-'))
  userData = join(dir, 'user-data')
  touched = []
  events = []
  out = { stdout: '', stderr: '' }
  uncaught = null
  errorListeners = 0
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A stream whose flush callback comes a turn later, as a pipe's may. */
function stream(name: 'stdout' | 'stderr') {
  return {
    write(text: string, done?: () => void) {
      out[name] += text
      if (done) {
        setImmediate(() => {
          events.push(`${name} flushed`)
          done()
        })
      }
      return true
    },
    on(event: string) {
      if (event === 'error') errorListeners++
    },
  }
}

/** Starts the app with `args` after the executable; resolves with the code it exits with. */
function startApp(args: string[], over: { whenReady?: () => Promise<void>; platform?: NodeJS.Platform } = {}) {
  return new Promise<number>((exited) => {
    const record =
      (what: string) =>
      (..._args: unknown[]): never => {
        touched.push(what)
        throw new Error(`bench mode touched ${what}`)
      }
    const app = {
      isPackaged: true,
      whenReady: over.whenReady ?? (async () => events.push('ready')),
      isReady: () => true,
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected getPath(${name})`)
        return userData
      },
      exit: (code: number) => {
        events.push(`exit ${code}`)
        exited(code)
      },
      dock: { hide: () => events.push('dock hidden') },
      requestSingleInstanceLock: record('the single-instance lock'),
      quit: record('quit'),
      on: record('app events'),
    }
    const deps = {
      app,
      BrowserWindow: Object.assign(record('a window'), { getAllWindows: record('the windows') }),
      protocol: { registerSchemesAsPrivileged: record('the app: scheme'), handle: record('the app: protocol') },
      session: {
        defaultSession: {
          setPermissionRequestHandler: record('permissions'),
          setPermissionCheckHandler: record('permissions'),
        },
      },
      ipcMain: { handle: record('IPC') },
      createChannel: record('a MessageChannel'),
      safeStorage: {
        isAsyncEncryptionAvailable: async () => {
          events.push('safeStorage asked')
          return false
        },
        getSelectedStorageBackend: () => 'unknown',
        encryptStringAsync: record('encryption'),
        decryptStringAsync: record('decryption'),
      },
      shell: { openExternal: record('the shell') },
      dialog: { showErrorBox: record('an error box') },
      fetchFile: record('the renderer files'),
      loadUpdater: record('the updater'),
      createEngine,
      createCore: record("the app's core"),
      platform: over.platform ?? 'linux',
      // Browser mode's data directory: the app, and so its bench, ignore it.
      env: { EQ_DATA_DIR: join(dir, 'browser-mode-data') },
      execPath: EXE,
      mainDir: '/opt/EdgeQuake Playground/resources/app.asar/dist/main',
      log: { info: record('the log'), warn: record('the log'), error: record('the log') },
      argv: [EXE, '--no-sandbox', ...args],
      defaultApp: false,
      stdout: stream('stdout'),
      stderr: stream('stderr'),
      onUncaughtException: (listener: (err: Error) => void) => {
        uncaught = listener
      },
    } as unknown as DesktopDeps
    startDesktopApp(deps)
  })
}

function spec(name: string, body: string): string {
  const path = join(dir, name)
  writeFileSync(path, body)
  return path
}

test('a passing spec: exit 0, the table on stdout, the reports written, the run in the app’s history; no window, lock or updater', async () => {
  const path = spec('pass.yaml', `models: [simulated/alpha]\nprompt: hi\nruns: 2\nslo: {ttft_ms: 60000}\n${FAST}\n`)
  const code = await startApp(['bench', path, '--out', join(dir, 'out')], { platform: 'darwin' })
  expect(out.stderr).toMatch(/2\/2 runs/)
  expect(code).toBe(EXIT.ok)
  expect(out.stdout).toMatch(/simulated\/alpha\s+2\s/)
  expect(out.stdout).toMatch(/SLO gate passed/)
  expect(out.stdout).toMatch(/history: run run_\S+ is in the app's history/)
  expect(touched).toEqual([])
  // The keys are the app's (safeStorage, asked once Electron is ready); output drained before the exit.
  expect(events.slice(0, 3)).toEqual(['dock hidden', 'ready', 'safeStorage asked'])
  expect(events.slice(-3).sort()).toEqual(['exit 0', 'stderr flushed', 'stdout flushed'].sort())
  expect(events.at(-1)).toBe('exit 0')
  expect(
    readdirSync(join(dir, 'out'))
      .map((f) => f.split('.').pop())
      .sort(),
  ).toEqual(['html', 'json', 'md'])
  expect(readdirSync(dir)).not.toContain('browser-mode-data')
  // The app opening its userData finds the run.
  const app = createPlayground({
    engine: createEngine(),
    dataDir: userData,
    secrets: createFileSecretStore(userData),
    env: {},
    localServers: [],
  })
  try {
    expect((await app.api.listHistory()).map((r) => r.models)).toEqual([['simulated/alpha']])
  } finally {
    await app.close()
  }
})

test('an SLO no run can meet: exit 1; --no-history leaves the app’s history alone', async () => {
  const path = spec('fail.yaml', `models: [simulated/alpha]\nprompt: hi\nslo: {ttft_ms: 1}\n${FAST}\n`)
  const code = await startApp(['bench', path, '--no-history', '--out', join(dir, 'out')])
  expect(code).toBe(EXIT.sloFailed)
  expect(out.stdout).toMatch(/SLO gate FAILED/)
  expect(touched).toEqual([])
  expect(readdirSync(dir).sort()).toEqual(['fail.yaml', 'out'])
})

test('bad arguments or spec: exit 2 with the usage, naming the app', async () => {
  expect(await startApp(['bench'])).toBe(EXIT.usage)
  expect(out.stderr).toMatch(/^usage: edgequake-playground bench <spec.json\|spec.yaml>/)
  expect(out.stderr).toMatch(/--data-dir DIR .*the app's own data folder/)
  out.stderr = ''
  expect(await startApp(['bench', spec('bad.yaml', 'models: []\nprompt: hi\n')])).toBe(EXIT.usage)
  expect(out.stderr).toMatch(/models: list at least one model/)
  expect(touched).toEqual([])
})

test('while the app has its data folder open, the bench says so and exits 2', async () => {
  const running = createPlayground({
    engine: createEngine(),
    dataDir: userData,
    secrets: createFileSecretStore(userData),
    env: {},
    localServers: [],
  })
  try {
    const path = spec('s.yaml', `models: [simulated/alpha]\nprompt: hi\n${FAST}\n`)
    expect(await startApp(['bench', path, '--out', join(dir, 'out')])).toBe(EXIT.usage)
    expect(out.stderr).toMatch(/close the app, or pass --data-dir or --no-history/)
  } finally {
    await running.close()
  }
})

test('a failure outside the bench (Electron never ready) exits 3 with the cause on stderr', async () => {
  const code = await startApp(['bench', 'spec.yaml'], {
    whenReady: async () => {
      throw new Error('GPU process died')
    },
  })
  expect(code).toBe(EXIT.runFailed)
  expect(out.stderr).toMatch(/edgequake-playground: Error: GPU process died/)
})

test('a stream that never confirms its flush (a console gone away) does not keep the bench from exiting', async () => {
  const silent = { write: (_text: string, _done?: () => void) => true }
  const exits: number[] = []
  await runBenchMode(
    {
      app: { whenReady: async () => {}, getPath: () => userData, exit: (code) => exits.push(code) },
      safeStorage: null as never,
      createEngine,
      platform: 'win32',
      env: {},
      program: 'EdgeQuake Playground.exe',
      stdout: silent,
      stderr: silent,
      onUncaughtException: () => {},
      flushLimitMs: 10,
    },
    ['bench'],
  )
  expect(exits).toEqual([EXIT.usage])
})

test('an uncaught error ends the bench with exit 3 on stderr (no error dialog); a closed pipe is not fatal', async () => {
  const code = startApp(['bench', 'spec.yaml'], { whenReady: () => new Promise(() => {}) })
  expect(errorListeners).toBe(2)
  uncaught!(new Error('a stray callback threw'))
  expect(await code).toBe(EXIT.runFailed)
  expect(out.stderr).toMatch(/edgequake-playground: Error: a stray callback threw/)
  expect(touched).toEqual([])
})

test('an uncaught error that carries a key prints it redacted', async () => {
  const code = startApp(['bench', 'spec.yaml'], { whenReady: () => new Promise(() => {}) })
  uncaught!(new Error('request failed: Authorization: Bearer sk-proj-abcdef1234567890 rejected'))
  expect(await code).toBe(EXIT.runFailed)
  expect(out.stderr).toMatch(/request failed/)
  expect(out.stderr).not.toContain('abcdef1234567890')
})
