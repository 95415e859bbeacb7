/**
 * The PlaygroundApi the preload exposes as `window.playground`, over IPC: each
 * method invokes `playground:<method>`; a run's events arrive on the MessagePort
 * the main process sends with `run-port`, paired to its startRun by a request id,
 * and are handed to the caller's `onEvent`. `ipcRenderer` is passed in (the
 * preload passes Electron's; preload-api.test.ts a fake); it is never exposed.
 */
import type { IpcRendererEvent } from 'electron'
import type { PlaygroundApi, RunEvent } from '../common/api'
import { channelOf, RUN_PORT_CHANNEL, type RunPortMessage } from './channels'

/** The part of Electron's `ipcRenderer` used here. */
export interface IpcRendererLike {
  on(channel: string, listener: (event: Pick<IpcRendererEvent, 'ports'>, message: RunPortMessage) => void): unknown
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
}

export function createPreloadApi(ipcRenderer: IpcRendererLike): PlaygroundApi {
  const listeners = new Map<string, (event: RunEvent) => void>()
  let nextRequest = 0

  ipcRenderer.on(RUN_PORT_CHANNEL, (event, message) => {
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

  return {
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
    paramRanges: () => call('paramRanges'),
    getDraft: () => call('getDraft'),
    saveDraft: (draft) => call('saveDraft', draft),
  } satisfies PlaygroundApi
}
