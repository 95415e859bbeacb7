/**
 * The desktop app's entry point: hands Electron's real APIs to
 * startDesktopApp (desktop-app.ts), where everything the main process does is.
 */
import { pathToFileURL } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  net,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron'
import { createPlayground } from '../core/create-playground'
import { createEngine } from '../core/engine'
import { loadElectronUpdater } from './auto-update'
import { startDesktopApp } from './desktop-app'

startDesktopApp({
  app,
  BrowserWindow,
  protocol,
  session,
  ipcMain,
  createChannel: () => new MessageChannelMain(),
  safeStorage,
  shell,
  dialog,
  fetchFile: (path) => net.fetch(pathToFileURL(path).href),
  loadUpdater: loadElectronUpdater,
  createEngine,
  createCore: (options) => createPlayground({ engine: createEngine(), ...options }),
  platform: process.platform,
  env: process.env,
  execPath: process.execPath,
  mainDir: __dirname,
  log: console,
  argv: process.argv,
  defaultApp: process.defaultApp === true,
  stdout: process.stdout,
  stderr: process.stderr,
  onUncaughtException: (listener) => process.on('uncaughtException', listener),
})
