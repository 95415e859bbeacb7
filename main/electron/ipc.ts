/**
 * The main-process side of the IPC contract: one `ipcMain.handle` per
 * PlaygroundApi method, each refusing callers that are not our own page
 * (`event.senderFrame` URL), arguments checked by the core's dispatcher. A
 * run's events go through a MessageChannelMain per run: port2 is handed to
 * the page with `webContents.postMessage`, events flow on port1, which is
 * closed after `run-finished`.
 *
 * Electron's `ipcMain` and `MessageChannelMain` are passed in (main.ts passes
 * the real ones; ipc.test.ts fakes), so this module loads in plain Node.
 */
import type { IpcMainInvokeEvent, MessagePortMain } from 'electron'
import type { PlaygroundApi, RunEvent } from '../common/api'
import { API_METHODS, type ApiMethodName } from '../core/api/api-dispatch'
import { InputError } from '../core/api/input-error'
import { channelOf, RUN_PORT_CHANNEL, type RunPortMessage } from './channels'

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void
}

export interface IpcDeps {
  ipcMain: IpcMainLike
  /** `() => new MessageChannelMain()` */
  createChannel: () => { port1: Pick<MessagePortMain, 'postMessage' | 'close'>; port2: MessagePortMain }
}

export const REFUSED_SENDER = 'refused: IPC from a frame that is not the app'

export function registerIpc(deps: IpcDeps, api: PlaygroundApi, isAppUrl: (url: string) => boolean): void {
  const { ipcMain } = deps
  const assertSender = (event: IpcMainInvokeEvent) => {
    // senderFrame is null when the frame navigated away or was destroyed since it sent.
    const url = event.senderFrame?.url
    if (!url || !isAppUrl(url)) throw new Error(REFUSED_SENDER)
  }

  for (const method of Object.keys(API_METHODS) as ApiMethodName[]) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => {
      assertSender(event)
      return API_METHODS[method](api, args)
    })
  }

  ipcMain.handle(channelOf('startRun'), async (event, request: unknown, requestId: unknown) => {
    assertSender(event)
    if (typeof requestId !== 'string') throw new InputError('startRun needs a requestId')
    const { port1, port2 } = deps.createChannel()
    const sender = event.sender
    const onEvent = (e: RunEvent) => {
      if (e.type === 'run-started') {
        const message: RunPortMessage = { requestId, runId: e.runId }
        sender.postMessage(RUN_PORT_CHANNEL, message, [port2])
      }
      port1.postMessage(e)
      if (e.type === 'run-finished') {
        port1.close()
        if (!sender.isDestroyed()) sender.removeListener('destroyed', stopOnClose)
      }
    }
    // A closed window stops its runs instead of streaming into nothing.
    const stopOnClose = () => {
      if (runId) void api.stopRun(runId)
    }
    let runId: string | null = null
    sender.once('destroyed', stopOnClose)
    const started = await api.startRun(request as Parameters<PlaygroundApi['startRun']>[0], onEvent)
    runId = started.runId
    return started
  })

  ipcMain.handle(channelOf('stopRun'), (event, runId: unknown, columnId: unknown) => {
    assertSender(event)
    if (typeof runId !== 'string') throw new InputError('runId must be a string')
    if (columnId !== undefined && columnId !== null && typeof columnId !== 'string') {
      throw new InputError('columnId must be a string')
    }
    return api.stopRun(runId, columnId ?? undefined)
  })
}
