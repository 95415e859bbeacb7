/**
 * The desktop app's main process, with every Electron API passed in (main.ts
 * passes Electron's; desktop-app.test.ts fakes): single instance, the app://
 * renderer, the core with safeStorage-encrypted keys in userData, the IPC
 * handlers, the security settings applied to every window, and updates in
 * signed builds only — or, started as `<app> bench <spec>`, the headless bench
 * (bench-mode.ts) before any of that.
 */
import { basename, join } from 'node:path'
import type { App, Dialog, MessagePortMain, Protocol, Session, Shell } from 'electron'
import type { UpdateStatus } from '../common/api'
import type { Playground } from '../core/create-playground'
import type { Engine } from '../core/engine'
import type { SecretStore } from '../core/settings/secret-store'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { APP_ORIGIN, createAppUrlCheck } from './app-url'
import { type AutoUpdaterLike, startAutoUpdate, type Updater } from './auto-update'
import { benchArguments } from './bench-argv'
import { type OutputStream, runBenchMode } from './bench-mode'
import { checkCodeSignature } from './code-signature'
import { type IpcMainLike, registerIpc } from './ipc'
import { denyPermissions, guardNavigation, type WebContentsSource } from './navigation-guard'
import { platformFacts } from './platform'
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store'
import { type WindowLike as BaseWindow, createWindow, defaultPreloadPath, type WindowClass } from './window'

type AppLike = Pick<
  App,
  'requestSingleInstanceLock' | 'quit' | 'exit' | 'whenReady' | 'isReady' | 'isPackaged' | 'getPath'
> &
  WebContentsSource & {
    on(event: string, listener: (...args: never[]) => void): unknown
    /** macOS only (Electron: undefined elsewhere). */
    dock?: { hide(): void } | undefined
  }
interface WindowLike extends BaseWindow {
  on(event: 'closed', listener: () => void): unknown
  isMinimized(): boolean
  restore(): void
  focus(): void
}

export interface DesktopDeps {
  app: AppLike
  BrowserWindow: WindowClass<WindowLike> & { getAllWindows(): unknown[] }
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>
  session: { defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> }
  ipcMain: IpcMainLike
  createChannel: () => { port1: Pick<MessagePortMain, 'postMessage' | 'close'>; port2: MessagePortMain }
  safeStorage: SafeStorageLike
  shell: Pick<Shell, 'openExternal'>
  dialog: Pick<Dialog, 'showErrorBox'>
  /** `(path) => net.fetch(pathToFileURL(path).href)` */
  fetchFile: (path: string) => Promise<Response>
  loadUpdater: () => Promise<AutoUpdaterLike>
  /** The engine, for bench mode (the core below gets its own). */
  createEngine: () => Engine
  /** The application core (main.ts: createPlayground with the real engine). */
  createCore: (options: { dataDir: string; secrets: SecretStore; updates: () => UpdateStatus }) => Playground
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** `process.execPath`: the app's executable, whose signature decides about updates. */
  execPath: string
  /** Where the main bundle is (dist/main): the preload sits beside it, the renderer in ../renderer. */
  mainDir: string
  log: Pick<Console, 'info' | 'warn' | 'error'>
  /** `process.argv`: `bench <spec> …` in it starts bench mode instead of the app. */
  argv: readonly string[]
  /** `process.defaultApp`: true when started as `electron <app path>`, whose path is then in argv. */
  defaultApp: boolean
  stdout: OutputStream
  stderr: OutputStream
  /** `(l) => process.on('uncaughtException', l)`, used by bench mode only. */
  onUncaughtException: (listener: (err: Error) => void) => void
}

export function startDesktopApp(deps: DesktopDeps): void {
  const { app, log } = deps
  // First: the bench takes no lock (a running app keeps its window), opens no window, starts no updater.
  const bench = benchArguments(deps.argv, deps.defaultApp)
  if (bench) {
    void runBenchMode({ ...deps, program: basename(deps.argv[0] ?? 'edgequake-playground') }, bench)
    return
  }
  // Development only: load the renderer from the Vite dev server instead of app://.
  const devUrl = !app.isPackaged ? deps.env.EQ_RENDERER_URL : undefined
  const startUrl = devUrl ?? `${APP_ORIGIN}/`
  const isAppUrl = createAppUrlCheck(devUrl)
  const { quitWhenAllWindowsClosed } = platformFacts(deps.platform)

  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the data directory; it gets a 'second-instance' event and shows itself.
    log.info('edgequake-playground is already running: focusing its window')
    app.quit()
    return
  }

  let playground: Playground | null = null
  let mainWindow: WindowLike | null = null
  let updater: Updater | null = null

  const openWindow = () => {
    const win = createWindow(deps.BrowserWindow, { url: startUrl, preloadPath: defaultPreloadPath(deps.mainDir) })
    mainWindow = win
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null
    })
  }

  registerAppScheme(deps.protocol)
  guardNavigation(app, isAppUrl, (url) => deps.shell.openExternal(url))

  app.on('second-instance', () => {
    if (!mainWindow) return openWindow()
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => {
    if (quitWhenAllWindowsClosed) app.quit()
  })

  app.on('activate', () => {
    if (app.isReady() && deps.BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  let quitting = false
  app.on('before-quit', (event: { preventDefault(): void }) => {
    updater?.stop()
    if (quitting || !playground) return
    // Let running runs record their end before the process goes.
    event.preventDefault()
    quitting = true
    void playground.close().finally(() => app.quit())
  })

  app
    .whenReady()
    .then(async () => {
      const dataDir = app.getPath('userData')
      const secrets = await createSafeStorageSecretStore(dataDir, {
        safeStorage: deps.safeStorage,
        platform: deps.platform,
        log: (m) => log.warn(m),
      })
      updater = startAutoUpdate({
        facts: { isPackaged: app.isPackaged, platform: deps.platform, env: deps.env },
        checkSignature: () => checkCodeSignature(deps.platform, deps.execPath),
        loadUpdater: deps.loadUpdater,
        log,
      })
      const status = updater.status
      playground = deps.createCore({ dataDir, secrets, updates: () => status() })
      denyPermissions(deps.session.defaultSession)
      serveRenderer({ protocol: deps.protocol, fetchFile: deps.fetchFile }, join(deps.mainDir, '../renderer'))
      registerIpc({ ipcMain: deps.ipcMain, createChannel: deps.createChannel }, playground.api, isAppUrl)
      openWindow()
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err)
      log.error('edgequake-playground failed to start:', err)
      deps.dialog.showErrorBox('EdgeQuake Playground could not start', message)
      app.exit(1)
    })
}
