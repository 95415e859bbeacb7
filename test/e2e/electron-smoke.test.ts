/**
 * Desktop smoke test: launches the built Electron main process with
 * playwright-core's `_electron`, checks the window is sandboxed (no Node in the
 * page), that `window.playground` answers over IPC, and that a simulated run
 * streams through the MessagePort. Needs Electron's binary, which cannot be
 * downloaded here (ELECTRON_SKIP_BINARY_DOWNLOAD): then it skips, saying so,
 * without ever triggering a download.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron } from 'playwright-core'
import { expect, test } from 'vitest'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { buildMain } from './web-process'

const SKIP_MESSAGE = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): skipping the desktop smoke test'

test('desktop app: secure window, IPC API, a simulated run over the MessagePort', async (ctx) => {
  const binary = electronBinary()
  if (!binary) {
    console.warn(SKIP_MESSAGE)
    ctx.skip(SKIP_MESSAGE)
  }
  buildMain()
  const userData = mkdtempSync(join(tmpdir(), 'eq-electron-'))
  const app = await _electron.launch({
    executablePath: binary!,
    args: [join(process.cwd(), 'dist/main/electron-main.cjs'), `--user-data-dir=${userData}`],
    env: { PATH: process.env.PATH ?? '', HOME: userData, ELECTRON_ENABLE_LOGGING: '1' },
  })
  try {
    const page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
    expect(page.url()).toMatch(/^app:\/\/playground\//)
    const sandboxed = await page.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined')
    expect(sandboxed).toBe(true)
    const settings = await page.evaluate(() =>
      (globalThis as unknown as { playground: { getSettings(): Promise<{ theme: string }> } }).playground.getSettings(),
    )
    expect(settings.theme).toBe('system')
    const types = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = []
          const api = (
            globalThis as unknown as {
              playground: { startRun(r: unknown, cb: (e: { type: string }) => void): Promise<unknown> }
            }
          ).playground
          void api.startRun(
            {
              messages: [{ role: 'user', content: 'hello' }],
              params: {},
              columns: [{ columnId: 'a', model: 'simulated/alpha' }],
            },
            (e) => {
              seen.push(e.type)
              if (e.type === 'run-finished') resolve(seen)
            },
          )
        }),
    )
    expect(types[0]).toBe('run-started')
    expect(types).toContain('parts')
    expect(types.at(-1)).toBe('run-finished')
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})
