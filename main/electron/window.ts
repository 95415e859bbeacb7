/**
 * The one window factory: every BrowserWindow of the app is made here, with
 * the Electron security checklist's settings (context isolation, sandbox, no
 * Node in the page, web security on) and the preload as the only bridge.
 */
import { join } from 'node:path'
import { BrowserWindow } from 'electron'

export interface WindowOptions {
  /** The URL to load: app://playground/ or, in development, the Vite dev server. */
  url: string
  preloadPath: string
}

export function createWindow({ url, preloadPath }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'EdgeQuake Playground',
    backgroundColor: '#101114',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}

/** The bundled preload next to the main bundle (dist/main/preload.cjs). */
export function defaultPreloadPath(): string {
  return join(__dirname, 'preload.cjs')
}
