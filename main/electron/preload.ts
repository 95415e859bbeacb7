/**
 * The sandboxed preload: exposes `window.playground` (preload-api.ts, a
 * PlaygroundApi over IPC) through contextBridge, never the raw ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createPreloadApi } from './preload-api'

contextBridge.exposeInMainWorld('playground', createPreloadApi(ipcRenderer))
