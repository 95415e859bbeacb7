import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'
import { expect, test } from 'vitest'
import { createWindow, defaultPreloadPath, windowOptions } from './window'

class FakeWindow extends EventEmitter {
  static made: FakeWindow[] = []
  shown = 0
  loaded: string[] = []
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
    FakeWindow.made.push(this)
  }
  show() {
    this.shown++
  }
  async loadURL(url: string) {
    this.loaded.push(url)
  }
}

test("every window has the security checklist's web preferences", () => {
  const prefs = windowOptions('/app/dist/main/preload.cjs').webPreferences
  expect(prefs).toMatchObject({
    preload: '/app/dist/main/preload.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
  })
  // Nothing that loosens them sneaks in.
  expect(prefs).not.toHaveProperty('enableBlinkFeatures')
  expect(prefs).not.toHaveProperty('experimentalFeatures')
})

test('the window is created hidden, loads the URL and shows once ready', () => {
  const win = createWindow(FakeWindow, { url: 'app://playground/', preloadPath: '/p.cjs' })
  expect(FakeWindow.made.at(-1)).toBe(win)
  expect(win.options.show).toBe(false)
  expect(win.options.webPreferences?.preload).toBe('/p.cjs')
  expect(win.loaded).toEqual(['app://playground/'])
  expect(win.shown).toBe(0)
  win.emit('ready-to-show')
  win.emit('ready-to-show')
  expect(win.shown).toBe(1)
})

test('the preload is the bundle beside the main bundle', () => {
  expect(defaultPreloadPath('/app/dist/main')).toBe(join('/app/dist/main', 'preload.cjs'))
})
