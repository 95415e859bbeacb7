/**
 * The one window factory: every BrowserWindow of the app is made here, with
 * the Electron security checklist's settings (context isolation, sandbox, no
 * Node in the page, web security on) and the preload as the only bridge.
 * The BrowserWindow class is passed in (main.ts passes Electron's).
 */
import { join } from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'

export interface WindowOptions {
  /** The URL to load: app://playground/ or, in development, the Vite dev server. */
  url: string
  preloadPath: string
}

/** The part of a BrowserWindow the factory uses (Electron's BrowserWindow fits). */
export interface WindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown
  show(): void
  loadURL(url: string): Promise<void>
}
export type WindowClass<W extends WindowLike> = new (options: BrowserWindowConstructorOptions) => W

/** Every window's options: the security checklist's web preferences, in one place. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
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
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  }
}

export function createWindow<W extends WindowLike>(Window: WindowClass<W>, { url, preloadPath }: WindowOptions): W {
  const win = new Window(windowOptions(preloadPath))
  // Shown once painted, so the window never flashes white before the dark background.
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}

/** The bundled preload next to the main bundle (dist/main/preload.cjs). */
export function defaultPreloadPath(mainDir: string = __dirname): string {
  return join(mainDir, 'preload.cjs')
}
