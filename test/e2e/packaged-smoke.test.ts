/**
 * Packaged-app smoke test: the app as electron-builder packs it (`--dir`, the
 * unpacked app inside every installer: app.asar, the engine's .node unpacked,
 * fuses flipped), launched with playwright-core's `_electron`. The window loads
 * app://playground/, `window.playground` answers, a simulated run streams over
 * the MessagePort, and settings and a saved key survive a restart. The shipped
 * binary itself, fuses untouched, runs as the headless bench (`<app> bench <spec>`).
 *
 * The app is EQ_PACKAGED_APP (CI packs it with scripts/pack-dir.mjs and checks its
 * fuses first), else packed here when Electron's binary is installed; with
 * neither it skips, saying why. Playwright drives Electron through the Node
 * inspector, which the shipped EnableNodeCliInspectArguments fuse forbids: the
 * test runs a copy of the app with that one fuse turned back on.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { _electron, type ElectronApplication } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { findPackagedBinary, flipFuses, REQUIRED_FUSES, readFuses } from '../../scripts/electron-fuses.mjs'
import { packDir } from '../../scripts/pack-dir.mjs'
import {
  benchSpec,
  call,
  firstPage,
  launchArgs,
  launchEnv,
  NO_ELECTRON,
  REQUIRE_ELECTRON,
  runAppBench,
  STDOUT_CAPTURED,
  simulatedRun,
} from './electron-app'

const given = process.env.EQ_PACKAGED_APP
const skip = !given && !electronBinary()
if (skip) console.warn(`packaged-app smoke: ${NO_ELECTRON}`)

/** The executable inside a packaged app (.app bundles keep theirs in Contents/MacOS). */
function executableOf(app: string): string {
  return app.endsWith('.app') ? join(app, 'Contents', 'MacOS', basename(app, '.app')) : app
}

interface SettingsView {
  theme: string
  keys: Record<string, { set: boolean; source: string | null }>
  secretStore: { kind: string; path: string | null }
  updates: { mode: string; reason: string }
}

describe.skipIf(skip)('the packaged app', () => {
  let temp = ''
  let userData = ''
  let testApp = ''
  let shipped = ''

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'eq-packaged-'))
    userData = join(temp, 'user-data')
    const packed = given ? findPackagedBinary(given) : await packDir(join(temp, 'release'))
    expect(await readFuses(packed)).toMatchObject(REQUIRED_FUSES)
    shipped = packed
    // A copy with the inspector fuse on, for Playwright; the packed app stays as shipped.
    // A macOS app is its .app bundle; elsewhere the executable needs its whole directory.
    const copyRoot = join(temp, 'app')
    const source = packed.endsWith('.app') ? packed : dirname(packed)
    const target = packed.endsWith('.app') ? join(copyRoot, basename(packed)) : copyRoot
    cpSync(source, target, { recursive: true, verbatimSymlinks: true })
    testApp = join(copyRoot, basename(packed))
    await flipFuses(testApp, { enableNodeCliInspectArguments: true })
  }, 600_000)

  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true })
  })

  const launch = () =>
    _electron.launch({ executablePath: executableOf(testApp), args: launchArgs(userData), env: launchEnv() })

  async function withApp(fn: (app: ElectronApplication) => Promise<void>) {
    const app = await launch()
    try {
      await fn(app)
    } finally {
      await app.close()
    }
  }

  test('loads app://playground/ in a sandboxed window; window.playground answers; a run streams', async () => {
    await withApp(async (app) => {
      const page = await firstPage(app)
      expect(page.url()).toMatch(/^app:\/\/playground\//)
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      const settings = await call<SettingsView>(page, 'getSettings')
      expect(settings.theme).toBe('system')
      // An unsigned build never updates itself, and says so.
      expect(settings.updates.mode).toBe('manual')
      const types = await simulatedRun(page)
      expect(types[0]).toBe('run-started')
      expect(types).toContain('parts')
      expect(types.at(-1)).toBe('run-finished')
    })
  })

  test('settings and a saved key survive a restart; the key is not on disk in plaintext', async () => {
    const key = 'sk-packaged-smoke-0123456789abcdef'
    await withApp(async (app) => {
      const page = await firstPage(app)
      await call(page, 'updateSettings', { theme: 'dark' })
      await call(page, 'setKey', 'openai', key)
    })
    await withApp(async (app) => {
      const page = await firstPage(app)
      const settings = await call<SettingsView>(page, 'getSettings')
      expect(settings.theme).toBe('dark')
      expect(settings.keys.openai).toEqual({ set: true, source: 'saved' })
      expect(JSON.stringify(settings)).not.toContain(key)
      // macOS (mock keychain) and Windows (DPAPI) encrypt. Linux here has no keyring: Electron's
      // basic_text, or the plaintext fallback if it reports no encryption at all; Settings says which.
      const { kind, path } = settings.secretStore
      if (kind === 'plain-file') expect(process.platform).toBe('linux')
      else {
        expect(['os', 'basic-text']).toContain(kind)
        expect(readFileSync(path!, 'utf8')).not.toContain(key)
      }
      // The run from the first launch is in history.
      expect(await call(page, 'listHistory')).toHaveLength(1)
    })
  })

  test('the shipped binary runs the headless bench: the CLI’s exit codes and reports, the runs in the app’s history', async () => {
    // No Playwright here, so no inspector: the binary as shipped (RunAsNode off), a user-data directory of its own.
    const benchData = join(temp, 'bench-user-data')
    const pass = runAppBench(executableOf(shipped), launchArgs(benchData), benchSpec(temp, 'pass'), join(temp, 'pass'))
    if (STDOUT_CAPTURED) expect(pass.stdout, pass.stderr).toMatch(/SLO gate passed/)
    expect(pass.status).toBe(0)
    expect(pass.reports).toEqual(['html', 'json', 'md'])
    const fail = runAppBench(executableOf(shipped), launchArgs(benchData), benchSpec(temp, 'fail'), join(temp, 'fail'))
    if (STDOUT_CAPTURED) expect(fail.stdout, fail.stderr).toMatch(/SLO gate FAILED/)
    expect(fail.status).toBe(1)
    const app = await _electron.launch({
      executablePath: executableOf(testApp),
      args: launchArgs(benchData),
      env: launchEnv(),
    })
    try {
      expect(await call(await firstPage(app), 'listHistory')).toHaveLength(2)
    } finally {
      await app.close()
    }
  }, 420_000)
})

test.runIf(skip)('the packaged app (skipped)', (ctx) => {
  if (REQUIRE_ELECTRON) throw new Error(`EQ_REQUIRE_ELECTRON=1 but no EQ_PACKAGED_APP and ${NO_ELECTRON}`)
  ctx.skip(NO_ELECTRON)
})
