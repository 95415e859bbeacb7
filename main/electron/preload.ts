/**
 * The sandboxed preload: exposes `window.playground`, a PlaygroundApi over
 * IPC, through contextBridge (never the raw ipcRenderer). A run's events
 * arrive on the MessagePort the main process sends with `run-port`, paired to
 * its startRun by a request id, and are handed to the caller's `onEvent`.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { PlaygroundApi, RunEvent } from '../common/api'
import { channelOf, RUN_PORT_CHANNEL, type RunPortMessage } from './channels'

const listeners = new Map<string, (event: RunEvent) => void>()
let nextRequest = 0

ipcRenderer.on(RUN_PORT_CHANNEL, (event, message: RunPortMessage) => {
  const port = event.ports[0]
  const onEvent = listeners.get(message.requestId)
  listeners.delete(message.requestId)
  if (!port || !onEvent) return
  port.onmessage = (e: { data: RunEvent }) => {
    onEvent(e.data)
    if (e.data.type === 'run-finished') port.close()
  }
  port.start()
})

const call = <T>(method: keyof PlaygroundApi, ...args: unknown[]): Promise<T> =>
  ipcRenderer.invoke(channelOf(method), ...args) as Promise<T>

const api = {
  catalog: () => call('catalog'),
  async startRun(request, onEvent) {
    const requestId = `req-${++nextRequest}`
    listeners.set(requestId, onEvent)
    try {
      return await call<{ runId: string }>('startRun', request, requestId)
    } catch (err) {
      listeners.delete(requestId)
      throw err
    }
  },
  stopRun: (runId, columnId) => call('stopRun', runId, columnId),
  listHistory: (query) => call('listHistory', query),
  getRun: (runId) => call('getRun', runId),
  deleteRun: (runId) => call('deleteRun', runId),
  exportRun: (runId, format) => call('exportRun', runId, format),
  snippet: (runId, columnId) => call('snippet', runId, columnId),
  getSettings: () => call('getSettings'),
  setKey: (provider, key) => call('setKey', provider, key),
  saveEndpoint: (endpoint) => call('saveEndpoint', endpoint),
  deleteEndpoint: (id) => call('deleteEndpoint', id),
  updateSettings: (patch) => call('updateSettings', patch),
} satisfies PlaygroundApi

contextBridge.exposeInMainWorld('playground', api)
