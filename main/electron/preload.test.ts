import { expect, test, vi } from 'vitest'

// The preload's only job: expose createPreloadApi(ipcRenderer) as window.playground.
// Electron is replaced by a fake (plain Node cannot load it).
const exposed: Record<string, unknown> = {}
const invoked: string[] = []
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    on: () => {},
    invoke: async (channel: string) => {
      invoked.push(channel)
      return null
    },
  },
}))

test('exposes only the PlaygroundApi, as window.playground, over ipcRenderer', async () => {
  await import('./preload')
  expect(Object.keys(exposed)).toEqual(['playground'])
  const api = exposed.playground as Record<string, unknown>
  expect(Object.keys(api).sort()).toEqual(
    [
      'catalog',
      'deleteEndpoint',
      'deleteRun',
      'exportRun',
      'getRun',
      'getSettings',
      'listHistory',
      'saveEndpoint',
      'setKey',
      'snippet',
      'startRun',
      'stopRun',
      'updateSettings',
      'paramRanges',
      'getDraft',
      'saveDraft',
    ].sort(),
  )
  expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true)
  await (api.getSettings as () => Promise<unknown>)()
  expect(invoked).toEqual(['playground:getSettings'])
})
