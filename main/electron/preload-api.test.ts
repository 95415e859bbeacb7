import { beforeEach, describe, expect, test } from 'vitest'
import type { RunEvent, RunRequest } from '../common/api'
import { channelOf, RUN_PORT_CHANNEL, type RunPortMessage } from './channels'
import { createPreloadApi, type IpcRendererLike } from './preload-api'

const REQUEST: RunRequest = { messages: [{ role: 'user', content: 'hi' }], params: {}, columns: [] }

/** The renderer end of a MessagePort, as the preload sees it. */
class RendererPort {
  onmessage: ((e: { data: RunEvent }) => void) | null = null
  started = false
  closed = false
  start() {
    this.started = true
  }
  close() {
    this.closed = true
  }
  deliver(data: RunEvent) {
    this.onmessage?.({ data })
  }
}

class FakeIpcRenderer implements IpcRendererLike {
  invoked: { channel: string; args: unknown[] }[] = []
  answer: (channel: string, args: unknown[]) => Promise<unknown> = async () => null
  private portListener: ((event: { ports: RendererPort[] }, message: RunPortMessage) => void) | null = null
  on(channel: string, listener: never) {
    expect(channel).toBe(RUN_PORT_CHANNEL)
    this.portListener = listener
  }
  invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args })
    return this.answer(channel, args)
  }
  sendPort(message: RunPortMessage, port: RendererPort) {
    this.portListener!({ ports: [port] }, message)
  }
}

let ipc: FakeIpcRenderer
beforeEach(() => {
  ipc = new FakeIpcRenderer()
})

describe('createPreloadApi', () => {
  test('each method invokes its own channel with its arguments', async () => {
    const api = createPreloadApi(ipc as never)
    await api.getSettings()
    await api.setKey('openai', null)
    await api.exportRun('r1', 'csv')
    await api.stopRun('r1', 'c1')
    expect(ipc.invoked).toEqual([
      { channel: channelOf('getSettings'), args: [] },
      { channel: channelOf('setKey'), args: ['openai', null] },
      { channel: channelOf('exportRun'), args: ['r1', 'csv'] },
      { channel: channelOf('stopRun'), args: ['r1', 'c1'] },
    ])
  })

  test("a run's events arrive on the port paired by request id; the port closes after run-finished", async () => {
    ipc.answer = async () => ({ runId: 'r1' })
    const api = createPreloadApi(ipc as never)
    const seen: string[] = []
    const other: string[] = []
    await api.startRun(REQUEST, (e) => seen.push(e.type))
    await api.startRun(REQUEST, (e) => other.push(e.type))
    expect(ipc.invoked.map((c) => c.args[1])).toEqual(['req-1', 'req-2'])
    const port = new RendererPort()
    ipc.sendPort({ requestId: 'req-1', runId: 'r1' }, port)
    expect(port.started).toBe(true)
    port.deliver({ type: 'run-started', runId: 'r1', iterations: 1, columns: [] })
    port.deliver({ type: 'run-finished', runId: 'r1', stats: [] })
    expect(seen).toEqual(['run-started', 'run-finished'])
    expect(other).toEqual([])
    expect(port.closed).toBe(true)
  })

  test('a port for an unknown or already-paired request is ignored', async () => {
    ipc.answer = async () => ({ runId: 'r1' })
    const api = createPreloadApi(ipc as never)
    await api.startRun(REQUEST, () => {})
    const first = new RendererPort()
    ipc.sendPort({ requestId: 'req-1', runId: 'r1' }, first)
    const again = new RendererPort()
    ipc.sendPort({ requestId: 'req-1', runId: 'r1' }, again)
    const stray = new RendererPort()
    ipc.sendPort({ requestId: 'req-99', runId: 'rX' }, stray)
    expect([first.started, again.started, stray.started]).toEqual([true, false, false])
  })

  test('a refused startRun forgets its listener and rethrows', async () => {
    ipc.answer = async () => {
      throw new Error('refused: IPC from a frame that is not the app')
    }
    const api = createPreloadApi(ipc as never)
    const seen: string[] = []
    await expect(api.startRun(REQUEST, (e) => seen.push(e.type))).rejects.toThrow('refused')
    const port = new RendererPort()
    ipc.sendPort({ requestId: 'req-1', runId: 'r1' }, port)
    expect(port.started).toBe(false)
  })
})
