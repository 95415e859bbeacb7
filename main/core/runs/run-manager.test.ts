import { describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import type { RunEvent, RunRequest } from '../../common/api'
import { createPrices } from '../catalog/known-models'
import { createKeys } from '../settings/keys'
import { createMemorySecretStore, endpointSecretId } from '../settings/secret-store'
import { defaultSettings, type StoredSettings } from '../settings/settings-store'
import { paramTable } from './param-table'
import { resolveTargets } from './resolve-call'
import { RunManager } from './run-manager'
import type { RunRecorder } from './run-recorder'
import { nullRecorder } from './run-recorder'

function setup(
  opts: {
    secrets?: Record<string, string>
    settings?: StoredSettings
    recorder?: RunRecorder
    now?: () => number
  } = {},
) {
  const engine = new FakeEngine()
  const secrets = createMemorySecretStore(opts.secrets)
  const keys = createKeys(secrets, () => engine.providers(), {})
  const settings = opts.settings ?? defaultSettings()
  const manager = new RunManager({
    engine,
    recorder: opts.recorder ?? nullRecorder,
    now: opts.now,
    log: () => {},
    validation: () => ({
      ranges: paramTable(engine),
      providers: engine.providers().map((p) => p.name),
      endpoints: settings.endpoints,
    }),
    async resolve(request) {
      return {
        targets: await resolveTargets(request, {
          keys,
          settings,
          providers: engine.providers(),
          prices: createPrices(engine.priceTable()),
        }),
        secrets: await keys.allValues(settings.endpoints.map((e) => e.id)),
      }
    },
  })
  return { engine, manager }
}

async function run(manager: RunManager, request: RunRequest, onEvent?: (e: RunEvent, all: RunEvent[]) => void) {
  const events: RunEvent[] = []
  const { runId, done } = await manager.start(request, (e) => {
    events.push(e)
    onEvent?.(e, events)
  })
  await done
  return { runId, events }
}

const req = (columns: RunRequest['columns'], extra: Partial<RunRequest> = {}): RunRequest => ({
  messages: [{ role: 'user', content: 'Explain streaming in three words please' }],
  params: { temperature: 0.5 },
  columns,
  ...extra,
})

const textOf = (events: RunEvent[], columnId: string, iteration = 0) =>
  events
    .filter((e) => e.type === 'parts' && e.columnId === columnId && e.iteration === iteration)
    .flatMap((e) => (e.type === 'parts' ? e.parts : []))
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('')

describe('RunManager', () => {
  test('coalesces parts per frame, not per chunk, and keeps their order', async () => {
    const { engine, manager } = setup()
    const chunks = Array.from({ length: 60 }, (_, i) => `t${i} `)
    engine.script('openai/gpt-4o-mini', { chunks, ttftMs: 1, gapMs: 1 })
    const { events } = await run(manager, req([{ columnId: 'a', model: 'openai/gpt-4o-mini' }]))
    const parts = events.filter((e) => e.type === 'parts')
    expect(textOf(events, 'a')).toBe(chunks.join(''))
    expect(parts.length).toBeGreaterThan(0)
    expect(parts.length).toBeLessThan(chunks.length / 3)
    expect(events[0]!.type).toBe('run-started')
    expect(events.at(-1)!.type).toBe('run-finished')
    const finished = events.findIndex((e) => e.type === 'column-finished')
    expect(events.findLastIndex((e) => e.type === 'parts')).toBeLessThan(finished)
  })

  test('merges shared params with the column overrides and passes the saved key', async () => {
    const { engine, manager } = setup({ secrets: { openai: 'sk-test-saved-key-123' } })
    await run(
      manager,
      req([{ columnId: 'a', model: 'openai/gpt-4o-mini', params: { temperature: 1.2, max_tokens: 50 } }], {
        system: 'Be brief.',
      }),
    )
    const call = engine.calls[0]!
    expect(call.temperature).toBe(1.2)
    expect(call.max_tokens).toBe(50)
    expect(call.api_key).toBe('sk-test-saved-key-123')
    expect(call.messages[0]).toEqual({ role: 'system', content: 'Be brief.' })
  })

  test('stop keeps the partial output and ends the column with an AbortError; the other column finishes', async () => {
    const { engine, manager } = setup()
    engine.script('openai/slow', { chunks: Array.from({ length: 200 }, () => 'x'), ttftMs: 1, gapMs: 5 })
    engine.script('anthropic/quick', { chunks: ['a', 'b', 'c'], ttftMs: 1, gapMs: 1 })
    let stopped = false
    const { events } = await run(
      manager,
      req([
        { columnId: 'slow', model: 'openai/slow' },
        { columnId: 'quick', model: 'anthropic/quick' },
      ]),
      (e) => {
        if (!stopped && e.type === 'parts' && e.columnId === 'slow') {
          stopped = true
          manager.stop(e.runId, 'slow')
        }
      },
    )
    const failed = events.find((e) => e.type === 'column-failed')
    expect(failed?.type === 'column-failed' && failed.error.name).toBe('AbortError')
    expect(failed?.type === 'column-failed' && failed.columnId).toBe('slow')
    expect(textOf(events, 'slow').length).toBeGreaterThan(0)
    expect(textOf(events, 'slow').length).toBeLessThan(200)
    expect(textOf(events, 'quick')).toBe('abc')
    expect(events.some((e) => e.type === 'column-finished' && e.columnId === 'quick')).toBe(true)
  })

  test("one column's error never stops the others, and carries a hint", async () => {
    const { engine, manager } = setup()
    engine.script('openai/bad-key', {
      error: { name: 'AuthenticationError', message: 'Incorrect API key provided: sk-abcdefghijkl', status_code: 401 },
    })
    engine.script('anthropic/limited', {
      chunks: ['one', 'two', 'three'],
      error: { name: 'RateLimitError', message: 'slow down', status_code: 429, retryable: true, afterChunks: 2 },
    })
    engine.script('ollama/llama3', { error: { name: 'APIConnectionError', message: 'connection refused' } })
    const { events } = await run(
      manager,
      req([
        { columnId: 'auth', model: 'openai/bad-key' },
        { columnId: 'rate', model: 'anthropic/limited' },
        { columnId: 'local', model: 'ollama/llama3' },
        { columnId: 'ok', model: 'openai/gpt-4o-mini' },
      ]),
    )
    const errors = Object.fromEntries(
      events.flatMap((e) => (e.type === 'column-failed' ? [[e.columnId, e.error] as const] : [])),
    )
    expect(errors.auth).toMatchObject({
      name: 'AuthenticationError',
      status_code: 401,
      hint: 'Set the OpenAI key in Settings',
    })
    expect(errors.auth!.message).not.toContain('sk-abcdefghijkl')
    expect(errors.rate).toMatchObject({ name: 'RateLimitError', retryable: true })
    expect(errors.rate!.hint).toMatch(/retry later/)
    expect(errors.local!.hint).toMatch(/is Ollama running/)
    expect(textOf(events, 'rate')).toBe('onetwo')
    expect(events.some((e) => e.type === 'column-finished' && e.columnId === 'ok')).toBe(true)
  })

  test('Run ×N sequential: iterations one after another, percentiles per column', async () => {
    const { manager } = setup()
    const { events } = await run(
      manager,
      req(
        [
          { columnId: 'a', model: 'openai/gpt-4o-mini' },
          { columnId: 'b', model: 'anthropic/x' },
        ],
        {
          repeat: { count: 3, mode: 'sequential' },
        },
      ),
    )
    const order = events
      .filter((e) => e.type === 'column-started' || e.type === 'column-finished')
      .map((e) => `${e.type === 'column-started' ? 'S' : 'F'}${'iteration' in e ? e.iteration : ''}`)
    // Each iteration's columns finish before the next starts.
    expect(order).toEqual(['S0', 'S0', 'F0', 'F0', 'S1', 'S1', 'F1', 'F1', 'S2', 'S2', 'F2', 'F2'])
    const end = events.at(-1)!
    expect(end.type).toBe('run-finished')
    if (end.type !== 'run-finished') return
    expect(end.stats).toHaveLength(2)
    expect(end.stats[0]).toMatchObject({ columnId: 'a', runs: 3, failures: 0 })
    expect(end.stats[0]!.ttftMs!.samples).toHaveLength(3)
    expect(end.stats[0]!.cold.count).toBe(3)
  })

  test('Run ×N concurrent: every iteration starts before any finishes', async () => {
    const { manager } = setup()
    const { events } = await run(
      manager,
      req([{ columnId: 'a', model: 'openai/m' }], { repeat: { count: 4, mode: 'concurrent' } }),
    )
    const started = events.filter((e) => e.type === 'column-started').map((e) => events.indexOf(e))
    const firstFinish = events.findIndex((e) => e.type === 'column-finished')
    expect(started).toHaveLength(4)
    expect(Math.max(...started)).toBeLessThan(firstFinish)
  })

  test('cold and warm connections are counted apart', async () => {
    const { engine, manager } = setup()
    engine.script('openai/warm', { chunks: ['a', 'b'], reusedConnection: true })
    const { events } = await run(
      manager,
      req(
        [
          { columnId: 'w', model: 'openai/warm' },
          { columnId: 'c', model: 'openai/cold' },
        ],
        { repeat: { count: 2, mode: 'sequential' } },
      ),
    )
    const end = events.at(-1)
    if (end?.type !== 'run-finished') throw new Error('no run-finished')
    const [w, c] = end.stats
    expect(w!.warm.count).toBe(2)
    expect(w!.cold.count).toBe(0)
    expect(c!.cold.count).toBe(2)
    expect(c!.warm.ttftMs).toBeNull()
  })

  test('start skew is each column’s offset from the start loop', async () => {
    let t = 100
    const { manager } = setup({ now: () => (t += 0.5) })
    const { events } = await run(
      manager,
      req([
        { columnId: 'a', model: 'openai/a' },
        { columnId: 'b', model: 'openai/b' },
        { columnId: 'c', model: 'openai/c' },
      ]),
    )
    const skews = events.flatMap((e) => (e.type === 'column-started' ? [e.startSkewMs] : []))
    expect(skews).toEqual([0.5, 1, 1.5])
  })

  test('prewarm opens one connection per host and marks the columns warm; simulated columns stay cold', async () => {
    const { engine, manager } = setup()
    const { events } = await run(
      manager,
      req(
        [
          { columnId: 'a', model: 'openai/gpt-4o-mini' },
          { columnId: 'b', model: 'openai/gpt-4.1-mini' },
          { columnId: 's', model: 'simulated/alpha' },
        ],
        { prewarm: true },
      ),
    )
    expect(engine.warmCalls).toHaveLength(1)
    const warm = Object.fromEntries(events.flatMap((e) => (e.type === 'column-started' ? [[e.columnId, e.warm]] : [])))
    expect(warm).toEqual({ a: true, b: true, s: false })
  })

  test('simulated columns run through the engine mock with the configured pace, without a key', async () => {
    const settings = defaultSettings()
    settings.simulated = { ttftMs: 5, tokensPerSecond: 1000 }
    const { engine, manager } = setup({ settings, secrets: { openai: 'sk-should-not-be-used' } })
    const { events } = await run(manager, req([{ columnId: 's', model: 'simulated/alpha' }]))
    const call = engine.calls[0]!
    expect(call.model).toBe('openai/alpha')
    expect(call.api_key).toBeUndefined()
    expect(call.mock_ttft_ms).toBe(5)
    expect(call.mock_tokens_per_second).toBe(1000)
    expect(call.mock_response).toContain('Explain streaming in three words')
    expect(call.mock_response).toContain('```js')
    expect(textOf(events, 's')).toBe(call.mock_response)
    const fin = events.find((e) => e.type === 'column-finished')
    expect(fin?.type === 'column-finished' && fin.costUsd).toBe(0)
  })

  test('a custom endpoint column calls openai/<model> at its base with its own key, never the env key', async () => {
    const settings = defaultSettings()
    settings.endpoints = [{ id: 'ep1', name: 'My vLLM', baseUrl: 'http://127.0.0.1:8000/v1' }]
    const { engine, manager } = setup({ settings, secrets: { [endpointSecretId('ep1')]: 'ep-secret-1' } })
    await run(
      manager,
      req([
        { columnId: 'e', model: 'openai/llama', endpointId: 'ep1' },
        { columnId: 'f', model: 'qwen', endpointId: 'ep1' },
      ]),
    )
    expect(engine.calls[0]).toMatchObject({
      model: 'openai/llama',
      api_base: 'http://127.0.0.1:8000/v1',
      api_key: 'ep-secret-1',
    })
    expect(engine.calls[1]!.model).toBe('openai/qwen')
  })

  test('cost comes from the price table', async () => {
    const { engine, manager } = setup()
    engine.script('openai/gpt-4o-mini', { chunks: ['a', 'b', 'c', 'd'], promptTokens: 1_000_000 })
    const { events } = await run(
      manager,
      req([
        { columnId: 'a', model: 'openai/gpt-4o-mini' },
        { columnId: 'b', model: 'openai/unknown' },
      ]),
    )
    const costs = Object.fromEntries(
      events.flatMap((e) => (e.type === 'column-finished' ? [[e.columnId, e.costUsd]] : [])),
    )
    expect(costs.a).toBeCloseTo(0.15 + (4 * 0.6) / 1e6, 9)
    expect(costs.b).toBeNull()
  })

  test('stopping the whole run skips the iterations not yet started', async () => {
    const { engine, manager } = setup()
    engine.script('openai/m', { chunks: Array.from({ length: 50 }, () => 'x'), gapMs: 5 })
    const { events } = await run(
      manager,
      req([{ columnId: 'a', model: 'openai/m' }], { repeat: { count: 5, mode: 'sequential' } }),
      (e) => {
        if (e.type === 'parts') manager.stop(e.runId)
      },
    )
    expect(events.filter((e) => e.type === 'column-started')).toHaveLength(1)
    expect(events.at(-1)!.type).toBe('run-finished')
  })

  test('an invalid request is refused before anything is emitted', async () => {
    const { manager } = setup()
    const events: RunEvent[] = []
    const nine = Array.from({ length: 9 }, (_, i) => ({ columnId: `c${i}`, model: 'openai/m' }))
    await expect(manager.start(req(nine), (e) => events.push(e))).rejects.toThrow(/1 to 8 columns/)
    await expect(
      manager.start({ ...req([{ columnId: 'a', model: 'nomodel' }]) }, (e) => events.push(e)),
    ).rejects.toThrow(/provider\/model/)
    expect(events).toHaveLength(0)
  })

  test('a throwing event sink does not break the run', async () => {
    const { manager } = setup()
    const { done } = await manager.start(req([{ columnId: 'a', model: 'openai/m' }]), () => {
      throw new Error('client gone')
    })
    await expect(done).resolves.toBeUndefined()
  })
})
