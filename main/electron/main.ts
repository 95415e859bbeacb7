/**
 * The desktop app's main process: single instance, the core with the real
 * engine and safeStorage-encrypted keys in userData, the app:// renderer, the
 * IPC handlers, and the security settings applied to every window.
 */
import { join } from 'node:path'
import { app, BrowserWindow, session } from 'electron'
import { createPlayground, type Playground } from '../core/create-playground'
import { createEngine } from '../core/engine'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol'
import { startAutoUpdate } from './auto-update'
import { registerIpc } from './ipc'
import { denyPermissions, guardNavigation } from './navigation-guard'
import { quitWhenAllWindowsClosed } from './platform'
import { createSafeStorageSecretStore } from './safe-storage-secret-store'
import { createWindow, defaultPreloadPath } from './window'

/** Development only: load the renderer from the Vite dev server instead of app://. */
const devUrl = !app.isPackaged ? process.env.EQ_RENDERER_URL : undefined
const startUrl = devUrl ?? `${APP_ORIGIN}/`

function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url)
    if (u.origin === APP_ORIGIN) return true
    return devUrl !== undefined && u.origin === new URL(devUrl).origin
  } catch {
    return false
  }
}

let playground: Playground | null = null
let mainWindow: BrowserWindow | null = null
let stopAutoUpdate = () => {}

function openWindow(): void {
  mainWindow = createWindow({ url: startUrl, preloadPath: defaultPreloadPath() })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  guardNavigation(app, isAppUrl)

  app.on('second-instance', () => {
    if (!mainWindow) return openWindow()
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => {
    if (quitWhenAllWindowsClosed) app.quit()
  })

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  let quitting = false
  app.on('before-quit', (event) => {
    stopAutoUpdate()
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
      const secrets = await createSafeStorageSecretStore(dataDir)
      playground = createPlayground({ engine: createEngine(), dataDir, secrets })
      denyPermissions(session.defaultSession)
      serveRenderer(join(__dirname, '../renderer'))
      registerIpc(playground.api, isAppUrl)
      openWindow()
      stopAutoUpdate = startAutoUpdate({ isPackaged: app.isPackaged, log: console })
    })
    .catch((err: unknown) => {
      console.error('edgequake-playground failed to start:', err)
      app.exit(1)
    })
}
