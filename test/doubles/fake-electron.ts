/**
 * Fakes of the Electron objects the shell's modules take by injection, shared by
 * the unit tests beside them (plain Node cannot `require('electron')`). Each fake
 * records what it was asked and lets the test play the part of Electron: emit
 * app and web-contents events, invoke IPC handlers as a given frame.
 */
import { EventEmitter } from 'node:events'
import type { IpcMainInvokeEvent } from 'electron'
import type { IpcMainLike } from '../../main/electron/ipc'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

/** A webContents: an EventEmitter with postMessage/window-open/destroy recorded. */
export class FakeWebContents extends EventEmitter {
  posted: { channel: string; message: unknown; transfer: unknown[] }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  destroyed = false
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer })
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }
}

/** ipcMain: handlers by channel; `invoke` calls one as if from a frame at `frameUrl`. */
export class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, Handler>()
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  async invoke(
    channel: string,
    from: { frameUrl: string | null; sender?: FakeWebContents },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    const event = {
      sender: from.sender ?? new FakeWebContents(),
      senderFrame: from.frameUrl === null ? null : { url: from.frameUrl },
    } as unknown as IpcMainInvokeEvent
    return handler(event, ...args)
  }
}

/** One MessagePortMain end: records what was posted and whether it was closed. */
export class FakePort {
  messages: unknown[] = []
  closed = false
  postMessage(message: unknown): void {
    if (this.closed) throw new Error('posted to a closed port')
    this.messages.push(message)
  }
  close(): void {
    this.closed = true
  }
}

/** A cancellable event as Electron passes to will-navigate and friends. */
export function fakeEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}
