/**
 * The renderer's one way to main: the Electron preload's `window.playground`
 * (contextBridge) when present, else the browser-mode HTTP client.
 */
import type { PlaygroundApi } from '../../../main/common/api'
import { createWebClient } from './web-client'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    playground?: PlaygroundApi
  }
}

let cached: PlaygroundApi | null = null

export function getApi(): PlaygroundApi {
  if (!cached) cached = window.playground ?? createWebClient()
  return cached
}
