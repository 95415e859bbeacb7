import type { MessagePortMain } from 'electron'
import { beforeEach, describe, expect, test } from 'vitest'
import { FakeIpcMain, FakePort, FakeWebContents } from '../../test/doubles/fake-electron'
import type { PlaygroundApi, RunEvent, RunRequest } from '../common/api'
import { API_METHODS } from '../core/api/api-dispatch'
import { createAppUrlCheck } from './app-url'
import { channelOf, RUN_PORT_CHANNEL } from './channels'
import { REFUSED_SENDER, registerIpc } from './ipc'

const APP_PAGE = 'app://playground/'
const REQUEST: RunRequest = { messages: [{ role: 'user', content: 'hi' }], params: {}, columns: [] }

/** A PlaygroundApi whose startRun hands the test its event sink; every call is recorded. */
function fakeCore() {
  const calls: { method: string; args: unknown[] }[] = []
  let emit: (e: RunEvent) => void = () => {}
  const rec =
    (method: string, result: unknown = null) =>
    async (...args: unknown[]) => {
      calls.push({ method, args })
      return result
    }
  const api = {
    catalog: rec('catalog', []),
    startRun: async (request: RunRequest, onEvent: (e: RunEvent) => void) => {
      calls.push({ method: 'startRun', args: [request] })
      emit = onEvent
      onEvent({ type: 'run-started', runId: 'r1', iterations: 1, columns: [] })
      return { runId: 'r1' }
    },
    stopRun: rec('stopRun'),
    listHistory: rec('listHistory', []),
    getRun: rec('getRun'),
    deleteRun: rec('deleteRun'),
    exportRun: rec('exportRun', '{}'),
    snippet: rec('snippet', ''),
    getSettings: rec('getSettings', { theme: 'system' }),
    setKey: rec('setKey'),
    saveEndpoint: rec('saveEndpoint'),
    deleteEndpoint: rec('deleteEndpoint'),
    updateSettings: rec('updateSettings'),
    paramRanges: rec('paramRanges', []),
    getDraft: rec('getDraft', null),
    saveDraft: rec('saveDraft'),
    estimateLoad: rec('estimateLoad'),
    startLoad: rec('startLoad'),
    loadStatus: rec('loadStatus'),
    stopLoad: rec('stopLoad'),
  } as unknown as PlaygroundApi
  return { api, calls, emit: (e: RunEvent) => emit(e) }
}

let ipc: FakeIpcMain
let core: ReturnType<typeof fakeCore>
let ports: { port1: FakePort; port2: FakePort }[]

beforeEach(() => {
  ipc = new FakeIpcMain()
  core = fakeCore()
  ports = []
  const createChannel = () => {
    const pair = { port1: new FakePort(), port2: new FakePort() }
    ports.push(pair)
    return pair as unknown as { port1: FakePort; port2: MessagePortMain }
  }
  registerIpc({ ipcMain: ipc, createChannel }, core.api, createAppUrlCheck())
})

describe('sender validation', () => {
  test('one handler per API method, on playground:<method>', () => {
    const expected = [...Object.keys(API_METHODS), 'startRun', 'stopRun'].map(channelOf).sort()
    expect([...ipc.handlers.keys()].sort()).toEqual(expected)
  })

  test('the real page (app://playground/...) is served', async () => {
    expect(await ipc.invoke(channelOf('getSettings'), { frameUrl: APP_PAGE })).toEqual({ theme: 'system' })
    await ipc.invoke(channelOf('getRun'), { frameUrl: 'app://playground/history?run=r9' }, 'r9')
    expect(core.calls.map((c) => c.method)).toEqual(['getSettings', 'getRun'])
    expect(core.calls[1]?.args).toEqual(['r9'])
  })

  test('foreign frames are refused on every channel, before the core is called', async () => {
    const foreign = ['https://evil.example/', 'app://evil/', 'file:///tmp/x.html', 'about:blank', 'null', null]
    for (const channel of ipc.handlers.keys()) {
      for (const frameUrl of foreign) {
        await expect(
          ipc.invoke(channel, { frameUrl }, REQUEST, 'req-1'),
          `${channel} from ${frameUrl}`,
        ).rejects.toThrow(REFUSED_SENDER)
      }
    }
    expect(core.calls).toEqual([])
  })

  test('arguments are checked after the sender: a wrong type is an input error', async () => {
    await expect(ipc.invoke(channelOf('getRun'), { frameUrl: APP_PAGE }, 42)).rejects.toThrow('runId must be a string')
    await expect(ipc.invoke(channelOf('stopRun'), { frameUrl: APP_PAGE }, 'r1', 7)).rejects.toThrow(
      'columnId must be a string',
    )
    await expect(ipc.invoke(channelOf('startRun'), { frameUrl: APP_PAGE }, REQUEST)).rejects.toThrow(
      'startRun needs a requestId',
    )
  })

  test('stopRun passes the run and the optional column', async () => {
    await ipc.invoke(channelOf('stopRun'), { frameUrl: APP_PAGE }, 'r1', null)
    await ipc.invoke(channelOf('stopRun'), { frameUrl: APP_PAGE }, 'r1', 'c2')
    expect(core.calls).toEqual([
      { method: 'stopRun', args: ['r1', undefined] },
      { method: 'stopRun', args: ['r1', 'c2'] },
    ])
  })
})

describe('a run over its MessagePort', () => {
  test('the port goes to the page with run-started, events follow on port1, closed after run-finished', async () => {
    const page = new FakeWebContents()
    const started = await ipc.invoke(channelOf('startRun'), { frameUrl: APP_PAGE, sender: page }, REQUEST, 'req-7')
    expect(started).toEqual({ runId: 'r1' })
    const [{ port1, port2 }] = ports as [{ port1: FakePort; port2: FakePort }]
    expect(page.posted).toEqual([
      { channel: RUN_PORT_CHANNEL, message: { requestId: 'req-7', runId: 'r1' }, transfer: [port2] },
    ])
    core.emit({ type: 'parts', runId: 'r1', iteration: 0, columnId: 'a', parts: [] })
    core.emit({ type: 'run-finished', runId: 'r1', stats: [] })
    expect(port1.messages.map((m) => (m as RunEvent).type)).toEqual(['run-started', 'parts', 'run-finished'])
    expect(port1.closed).toBe(true)
    // Finished: closing the window later stops nothing.
    page.destroy()
    expect(core.calls.filter((c) => c.method === 'stopRun')).toEqual([])
  })

  test('closing the window mid-run stops the run', async () => {
    const page = new FakeWebContents()
    await ipc.invoke(channelOf('startRun'), { frameUrl: APP_PAGE, sender: page }, REQUEST, 'req-1')
    page.destroy()
    expect(core.calls.at(-1)).toEqual({ method: 'stopRun', args: ['r1'] })
  })
})
