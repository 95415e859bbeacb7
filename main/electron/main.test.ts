import { pathToFileURL } from 'node:url'
import { expect, test, vi } from 'vitest'
import type { DesktopDeps } from './desktop-app'

// main.ts only hands Electron's real APIs to startDesktopApp: check it passes each one,
// with Electron (which plain Node cannot load) and the engine replaced by fakes.
const electron = vi.hoisted(() => {
  class MessageChannelMain {
    port1 = { name: 'port1' }
    port2 = { name: 'port2' }
  }
  const fetched: string[] = []
  return {
    fetched,
    module: {
      app: { name: 'app' },
      BrowserWindow: { name: 'BrowserWindow' },
      dialog: { name: 'dialog' },
      ipcMain: { name: 'ipcMain' },
      MessageChannelMain,
      net: {
        fetch: async (url: string) => {
          fetched.push(url)
          return new Response('x')
        },
      },
      protocol: { name: 'protocol' },
      safeStorage: { name: 'safeStorage' },
      session: { name: 'session' },
      shell: { name: 'shell' },
    },
  }
})
const started = vi.hoisted(() => ({ deps: null as DesktopDeps | null }))
vi.mock('electron', () => electron.module)
vi.mock('../core/engine', () => ({ createEngine: () => ({ fake: 'engine' }) }))
vi.mock('./desktop-app', () => ({ startDesktopApp: (deps: DesktopDeps) => (started.deps = deps) }))

test("main.ts starts the desktop app with Electron's own APIs", async () => {
  await import('./main')
  const deps = started.deps!
  expect(deps.app).toBe(electron.module.app)
  expect(deps.BrowserWindow).toBe(electron.module.BrowserWindow)
  expect(deps.dialog).toBe(electron.module.dialog)
  expect(deps.ipcMain).toBe(electron.module.ipcMain)
  expect(deps.protocol).toBe(electron.module.protocol)
  expect(deps.safeStorage).toBe(electron.module.safeStorage)
  expect(deps.session).toBe(electron.module.session)
  expect(deps.shell).toBe(electron.module.shell)
  expect(deps.createChannel()).toBeInstanceOf(electron.module.MessageChannelMain)
  expect(deps.platform).toBe(process.platform)
  expect(deps.execPath).toBe(process.execPath)
  // Bench mode reads the command line as Electron gives it, and writes to the process's streams.
  expect(deps.argv).toBe(process.argv)
  expect(deps.defaultApp).toBe(process.defaultApp === true)
  expect(deps.stdout).toBe(process.stdout)
  expect(deps.stderr).toBe(process.stderr)
  expect(deps.createEngine()).toEqual({ fake: 'engine' })
  const listener = () => {}
  deps.onUncaughtException(listener)
  expect(process.listeners('uncaughtException')).toContain(listener)
  process.off('uncaughtException', listener)
  await deps.fetchFile('/opt/app/renderer/index.html')
  expect(electron.fetched).toEqual([pathToFileURL('/opt/app/renderer/index.html').href])
})
