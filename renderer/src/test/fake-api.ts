import type { CatalogGroup, Draft, PlaygroundApi, RunEvent, RunRequest, Settings } from '../../../main/common/api'
import type { ParamRange } from '../../../main/common/param-ranges'
import type { Timing } from '../../../main/common/timing'
import { createAppStore } from '../store/create-app-store'

/** Test double of the main process: records calls, lets the test push run events. */
export function fakeApi(overrides: Partial<PlaygroundApi> = {}) {
  const calls: { method: string; args: unknown[] }[] = []
  let emit: ((event: RunEvent) => void) | null = null
  let lastRequest: RunRequest | null = null
  let settings: Settings = {
    theme: 'system',
    keys: { openai: { set: false, source: null }, anthropic: { set: true, source: 'env' } },
    endpoints: [],
    secretsEncrypted: false,
    secretStore: { kind: 'plain-file', path: '/data/secrets.json' },
    updates: { mode: 'off', reason: 'browser mode runs from source: update it with git pull and npm start' },
    simulated: { ttftMs: 200, tokensPerSecond: 50 },
    streamTimeoutS: 120,
    recentModels: [],
    storageNotices: [],
  }
  let draft: Draft | null = null
  const record =
    <T>(method: string, result: (...args: never[]) => T) =>
    async (...args: unknown[]) => {
      calls.push({ method, args })
      return (result as (...a: unknown[]) => T)(...args)
    }
  const api: PlaygroundApi = {
    catalog: record('catalog', () => CATALOG),
    startRun: async (request, onEvent) => {
      calls.push({ method: 'startRun', args: [request] })
      lastRequest = request
      emit = onEvent
      onEvent({ type: 'run-started', runId: 'r1', iterations: request.repeat?.count ?? 1, columns: request.columns })
      return { runId: 'r1' }
    },
    stopRun: record('stopRun', () => undefined),
    listHistory: record('listHistory', () => []),
    getRun: record('getRun', () => null),
    deleteRun: record('deleteRun', () => undefined),
    exportRun: record('exportRun', () => '{}'),
    snippet: record('snippet', () => ''),
    getSettings: record('getSettings', () => settings),
    setKey: record('setKey', (provider: string, key: string | null) => {
      settings = {
        ...settings,
        keys: { ...settings.keys, [provider]: key ? { set: true, source: 'saved' } : { set: false, source: null } },
      }
      return settings
    }),
    saveEndpoint: record('saveEndpoint', () => settings),
    deleteEndpoint: record('deleteEndpoint', () => settings),
    updateSettings: record('updateSettings', (patch: Partial<Settings>) => {
      settings = { ...settings, ...patch }
      return settings
    }),
    paramRanges: record('paramRanges', () => RANGES),
    getDraft: record('getDraft', () => draft),
    saveDraft: record('saveDraft', (d: Draft) => {
      draft = d
    }),
    ...overrides,
  }
  return {
    api,
    calls,
    emit: (event: RunEvent) => emit?.(event),
    get lastRequest() {
      return lastRequest
    },
  }
}

/** A store on the fake API whose frames run only when the test says so. */
export function testStore(overrides: Partial<PlaygroundApi> = {}) {
  const fake = fakeApi(overrides)
  const frames: (() => void)[] = []
  let clock = 1000
  const store = createAppStore({
    api: fake.api,
    scheduleFrame: (cb) => {
      frames.push(cb)
    },
    now: () => clock,
  })
  return {
    store,
    fake,
    frames,
    runFrame: () => {
      for (const cb of frames.splice(0)) cb()
    },
    advance: (ms: number) => {
      clock += ms
    },
  }
}

/** Shaped like main's table (the engine's rows plus max_tokens and seed). */
export const RANGES: ParamRange[] = [
  { name: 'temperature', min: 0, max: 2, min_exclusive: false, integer: false },
  { name: 'top_p', min: 0, max: 1, min_exclusive: false, integer: false },
  { name: 'stream_timeout', min: 0, max: 86_400, min_exclusive: true, integer: false },
  { name: 'max_tokens', min: 1, max: 4_294_967_295, min_exclusive: false, integer: true },
  { name: 'seed', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, min_exclusive: false, integer: true },
]

export const CATALOG: CatalogGroup[] = [
  {
    provider: 'simulated',
    label: 'Simulated',
    keyStatus: { set: true, source: null },
    models: [
      { id: 'simulated/fast', label: 'Fast', source: 'simulated' },
      { id: 'simulated/slow', label: 'Slow', source: 'simulated' },
    ],
  },
  {
    provider: 'openai',
    label: 'OpenAI',
    keyStatus: { set: false, source: null },
    models: [
      { id: 'openai/gpt-4o-mini', label: 'GPT-4o mini', source: 'known', price: { input: 0.15, output: 0.6 } },
      { id: 'openai/gpt-4.1', label: 'GPT-4.1', source: 'live' },
    ],
    liveError: 'no key',
  },
]

export function timing(patch: Partial<Timing> = {}): Timing {
  return {
    start_unix_ms: 0,
    dns_ms: 5,
    connect_ms: 10,
    tls_ms: 20,
    request_sent_ms: 36,
    headers_ms: 120,
    first_event_ms: 150,
    first_token_ms: 200,
    end_ms: 1200,
    reused_connection: false,
    http_version: '1.1',
    chunk_offsets_ms: [200, 300, 400],
    output_tokens: 101,
    output_tokens_source: 'provider',
    decode_tokens_per_s: 100,
    e2e_tokens_per_s: 84.2,
    buffered: false,
    attempts: 1,
    ...patch,
  }
}
