import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserWindowConstructorOptions, MessagePortMain } from 'electron'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { FakeIpcMain, FakePort, fakeEvent } from '../../test/doubles/fake-electron'
import type { PlaygroundApi, UpdateStatus } from '../common/api'
import type { Playground } from '../core/create-playground'
import type { SecretStore } from '../core/settings/secret-store'
import { channelOf } from './channels'
import { type DesktopDeps, startDesktopApp } from './desktop-app'
import { REFUSED_SENDER } from './ipc'

class FakeApp extends EventEmitter {
  isPackaged = true
  lock = true
  ready = false
  quits = 0
  exitCode: number | null = null
  private readyResolve: () => void = () => {}
  private readyPromise = new Promise<void>((resolve) => {
    this.readyResolve = resolve
  })
  constructor(readonly userData: string) {
    super()
  }
  requestSingleInstanceLock() {
    return this.lock
  }
  quit() {
    this.quits++
  }
  exit(code: number) {
    this.exitCode = code
  }
  whenReady() {
    return this.readyPromise
  }
  isReady() {
    return this.ready
  }
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`)
    return this.userData
  }
  /** Electron's ready, then a turn for the startup chain to finish. */
  async becomeReady() {
    this.ready = true
    this.readyResolve()
    await new Promise((r) => setTimeout(r, 20))
  }
}

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = []
  loaded: string[] = []
  minimized = false
  restored = 0
  focused = 0
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
    FakeWindow.all.push(this)
  }
  static getAllWindows() {
    return FakeWindow.all
  }
  show() {}
  async loadURL(url: string) {
    this.loaded.push(url)
  }
  isMinimized() {
    return this.minimized
  }
  restore() {
    this.restored++
  }
  focus() {
    this.focused++
  }
  close() {
    FakeWindow.all = FakeWindow.all.filter((w) => w !== this)
    this.emit('closed')
  }
}

let dir: string
let app: FakeApp
let ipc: FakeIpcMain
let handled: string[]
let schemes: unknown[]
let errors: string[][]
let core: { options: { dataDir: string; secrets: SecretStore; updates: () => UpdateStatus } | null; closed: number }

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-desktop-'))
  app = new FakeApp(dir)
  ipc = new FakeIpcMain()
  handled = []
  schemes = []
  errors = []
  core = { options: null, closed: 0 }
  FakeWindow.all = []
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function start(over: Partial<DesktopDeps> = {}) {
  const deps: DesktopDeps = {
    app: app as unknown as DesktopDeps['app'],
    BrowserWindow: FakeWindow as unknown as DesktopDeps['BrowserWindow'],
    protocol: {
      registerSchemesAsPrivileged: (s) => schemes.push(...s),
      handle: (scheme) => handled.push(scheme),
    },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } },
    ipcMain: ipc,
    createChannel: () => ({ port1: new FakePort(), port2: new FakePort() as unknown as MessagePortMain }),
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'unknown',
      encryptStringAsync: async () => Buffer.alloc(0),
      decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    },
    shell: { openExternal: async () => {} },
    dialog: { showErrorBox: (title, content) => errors.push([title, content]) },
    fetchFile: async () => new Response(''),
    loadUpdater: async () => {
      throw new Error('no updater in tests')
    },
    createCore: (options) => {
      core.options = options
      return {
        api: {
          getSettings: async () => ({ secretStore: options.secrets.info(), updates: options.updates() }),
        } as unknown as PlaygroundApi,
        runs: null as never,
        load: null as never,
        loads: null as never,
        history: null as never,
        close: async () => {
          core.closed++
        },
      } satisfies Playground
    },
    platform: 'linux',
    env: { APPIMAGE: '/tmp/EQ.AppImage' },
    execPath: '/opt/EQ/edgequake-playground',
    mainDir: '/opt/EQ/resources/app.asar/dist/main',
    log: { info: () => {}, warn: () => {}, error: () => {} },
    createEngine: () => {
      throw new Error('the app makes its engine through createCore')
    },
    argv: ['/opt/EQ/edgequake-playground'],
    defaultApp: false,
    stdout: { write: () => true },
    stderr: { write: () => true },
    onUncaughtException: () => {
      throw new Error('only bench mode handles uncaught exceptions')
    },
    ...over,
  }
  startDesktopApp(deps)
}

test('a second instance quits at once and touches nothing', async () => {
  app.lock = false
  start()
  expect(app.quits).toBe(1)
  expect(schemes).toEqual([])
  expect(app.listenerCount('web-contents-created')).toBe(0)
  await app.becomeReady()
  expect(core.options).toBeNull()
  expect(FakeWindow.all).toEqual([])
})

test('the first instance: app: scheme before ready; at ready the core, the protocol, IPC and one secure window', async () => {
  start()
  expect(schemes).toMatchObject([{ scheme: 'app' }])
  expect(FakeWindow.all).toEqual([])
  await app.becomeReady()
  expect(core.options?.dataDir).toBe(dir)
  expect(handled).toEqual(['app'])
  expect(FakeWindow.all).toHaveLength(1)
  const win = FakeWindow.all[0]!
  expect(win.loaded).toEqual(['app://playground/'])
  expect(win.options.webPreferences).toMatchObject({
    sandbox: true,
    contextIsolation: true,
    preload: join('/opt/EQ/resources/app.asar/dist/main', 'preload.cjs'),
  })
})

test('arguments other than the bench command (switches, a file, a dev app path) start the normal app', async () => {
  start({ argv: ['/usr/bin/electron', 'dist/main/electron-main.cjs', '--no-sandbox', 'notes.txt'], defaultApp: true })
  await app.becomeReady()
  expect(schemes).toMatchObject([{ scheme: 'app' }])
  expect(FakeWindow.all).toHaveLength(1)
})

test('IPC from the real page is answered (the origin bug); a foreign frame is refused', async () => {
  start()
  await app.becomeReady()
  const settings = (await ipc.invoke(channelOf('getSettings'), { frameUrl: 'app://playground/' })) as {
    secretStore: { kind: string }
    updates: UpdateStatus
  }
  expect(settings.secretStore).toEqual({ kind: 'plain-file', path: join(dir, 'secrets.json') })
  expect(settings.updates).toEqual({
    mode: 'manual',
    reason: 'AppImage builds are not signed: download new versions from the GitHub releases page',
  })
  await expect(ipc.invoke(channelOf('getSettings'), { frameUrl: 'https://evil.example/' })).rejects.toThrow(
    REFUSED_SENDER,
  )
})

test('navigation to the app is allowed and elsewhere blocked, in every web contents', async () => {
  start()
  const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: () => {} })
  app.emit('web-contents-created', {}, contents)
  const nav = (url: string) => {
    const e = fakeEvent()
    contents.emit('will-navigate', e, url)
    return e.defaultPrevented
  }
  expect(nav('app://playground/history')).toBe(false)
  expect(nav('https://evil.example/')).toBe(true)
})

test('the Vite dev server is the start URL only when not packaged', async () => {
  app.isPackaged = false
  start({ env: { EQ_RENDERER_URL: 'http://localhost:5173/' } })
  await app.becomeReady()
  expect(FakeWindow.all[0]!.loaded).toEqual(['http://localhost:5173/'])
  expect(await ipc.invoke(channelOf('getSettings'), { frameUrl: 'http://localhost:5173/' })).toBeTruthy()
})

test('a packaged app ignores EQ_RENDERER_URL', async () => {
  start({ env: { EQ_RENDERER_URL: 'http://localhost:5173/' } })
  await app.becomeReady()
  expect(FakeWindow.all[0]!.loaded).toEqual(['app://playground/'])
  await expect(ipc.invoke(channelOf('getSettings'), { frameUrl: 'http://localhost:5173/' })).rejects.toThrow(
    REFUSED_SENDER,
  )
})

test('second-instance restores and focuses the window, or opens one when it was closed', async () => {
  start()
  await app.becomeReady()
  const win = FakeWindow.all[0]!
  win.minimized = true
  app.emit('second-instance')
  expect([win.restored, win.focused]).toEqual([1, 1])
  win.close()
  app.emit('second-instance')
  expect(FakeWindow.all).toHaveLength(1)
  expect(FakeWindow.all[0]).not.toBe(win)
})

test('closing the last window quits on Linux and Windows, not on macOS (activate reopens)', async () => {
  start({ platform: 'win32' })
  app.emit('window-all-closed')
  expect(app.quits).toBe(1)

  app = new FakeApp(dir)
  start({ platform: 'darwin' })
  await app.becomeReady()
  FakeWindow.all[0]!.close()
  app.emit('window-all-closed')
  expect(app.quits).toBe(0)
  app.emit('activate')
  expect(FakeWindow.all).toHaveLength(1)
})

test('quitting waits for the core to close (runs record their end), then quits for real', async () => {
  start()
  await app.becomeReady()
  const first = fakeEvent()
  app.emit('before-quit', first)
  expect(first.defaultPrevented).toBe(true)
  await new Promise((r) => setTimeout(r, 0))
  expect(core.closed).toBe(1)
  expect(app.quits).toBe(1)
  const second = fakeEvent()
  app.emit('before-quit', second)
  expect(second.defaultPrevented).toBe(false)
})

test('a failed start shows an error box and exits non-zero', async () => {
  start({
    createCore: () => {
      throw new Error(`cannot open ${dir}/history.sqlite: database is locked`)
    },
  })
  await app.becomeReady()
  expect(errors).toEqual([
    ['EdgeQuake Playground could not start', `cannot open ${dir}/history.sqlite: database is locked`],
  ])
  expect(app.exitCode).toBe(1)
})
