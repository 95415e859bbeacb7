/**
 * Desktop smoke test: launches the built Electron main process with
 * playwright-core's `_electron`, checks the window is sandboxed (no Node in the
 * page), that `window.playground` answers over IPC from the real app:// page,
 * and that a simulated run streams through the MessagePort; then the same app as
 * the headless bench (`electron <main> bench <spec>`). Needs Electron's
 * binary, which cannot be downloaded here: then it skips, saying so, without
 * ever triggering a download. GitHub CI runs it on Linux (xvfb), macOS and Windows.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron } from 'playwright-core'
import { expect, test } from 'vitest'
import { electronBinary } from '../../scripts/electron-binary.mjs'
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
import { buildMain } from './web-process'

test('desktop app: secure window, IPC API, a simulated run over the MessagePort', async (ctx) => {
  const binary = electronBinary()
  if (!binary) {
    if (REQUIRE_ELECTRON) throw new Error(`EQ_REQUIRE_ELECTRON=1 but ${NO_ELECTRON}`)
    console.warn(NO_ELECTRON)
    ctx.skip(NO_ELECTRON)
  }
  buildMain()
  const userData = mkdtempSync(join(tmpdir(), 'eq-electron-'))
  const app = await _electron.launch({
    executablePath: binary!,
    args: [join(process.cwd(), 'dist/main/electron-main.cjs'), ...launchArgs(userData)],
    env: launchEnv(),
  })
  try {
    const page = await firstPage(app)
    expect(page.url()).toMatch(/^app:\/\/playground\//)
    const sandboxed = await page.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined')
    expect(sandboxed).toBe(true)
    const settings = await call<{ theme: string; updates: { mode: string } }>(page, 'getSettings')
    expect(settings.theme).toBe('system')
    expect(settings.updates.mode).toBe('off') // run from source: never updates itself
    const types = await simulatedRun(page)
    expect(types[0]).toBe('run-started')
    expect(types).toContain('parts')
    expect(types.at(-1)).toBe('run-finished')
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})

test('desktop app as the headless bench: the CLI’s exit codes and reports, the runs in the history the app opens', async (ctx) => {
  const binary = electronBinary()
  if (!binary) {
    if (REQUIRE_ELECTRON) throw new Error(`EQ_REQUIRE_ELECTRON=1 but ${NO_ELECTRON}`)
    console.warn(NO_ELECTRON)
    ctx.skip(NO_ELECTRON)
  }
  buildMain()
  const temp = mkdtempSync(join(tmpdir(), 'eq-electron-bench-'))
  const userData = join(temp, 'user-data')
  // Started as `electron <app path> …` (process.defaultApp): the path comes before the switches and `bench`.
  const args = [join(process.cwd(), 'dist/main/electron-main.cjs'), ...launchArgs(userData)]
  try {
    const pass = runAppBench(binary!, args, benchSpec(temp, 'pass'), join(temp, 'pass'))
    if (STDOUT_CAPTURED) expect(pass.stdout, pass.stderr).toMatch(/SLO gate passed/)
    expect(pass.status).toBe(0)
    expect(pass.reports).toEqual(['html', 'json', 'md'])
    const fail = runAppBench(binary!, args, benchSpec(temp, 'fail'), join(temp, 'fail'))
    if (STDOUT_CAPTURED) expect(fail.stdout, fail.stderr).toMatch(/SLO gate FAILED/)
    expect(fail.status).toBe(1)
    const app = await _electron.launch({ executablePath: binary!, args, env: launchEnv() })
    try {
      expect(await call(await firstPage(app), 'listHistory')).toHaveLength(2)
    } finally {
      await app.close()
    }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}, 420_000)
