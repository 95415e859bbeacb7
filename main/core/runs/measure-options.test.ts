import { describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import type { ColumnStats, RunEvent, RunRequest } from '../../common/api'
import { createKeys } from '../settings/keys'
import { createMemorySecretStore } from '../settings/secret-store'
import { defaultSettings } from '../settings/settings-store'
import { paramTable } from './param-table'
import { promptCacheOf, withNonce } from './prompt-cache'
import { resolveTargets } from './resolve-call'
import { RunManager } from './run-manager'
import { nullRecorder } from './run-recorder'
import { validateRunRequest as validate } from './validate-request'

const validateRunRequest = (raw: unknown) =>
  validate(raw, { ranges: paramTable(new FakeEngine()), providers: ['openai'], endpoints: [] })

function setup() {
  const engine = new FakeEngine()
  const keys = createKeys(createMemorySecretStore({ openai: 'sk-test' }), () => engine.providers(), {})
  const settings = defaultSettings()
  const manager = new RunManager({
    engine,
    recorder: nullRecorder,
    log: () => {},
    async resolve(request) {
      return { targets: await resolveTargets(request, { keys, settings, providers: engine.providers() }), secrets: [] }
    },
  })
  return { engine, manager }
}

const request = (extra: Partial<RunRequest>): RunRequest => ({
  system: 'Be brief.',
  messages: [{ role: 'user', content: 'Hello there' }],
  params: {},
  columns: [{ columnId: 'a', model: 'openai/gpt-4o-mini' }],
  ...extra,
})

async function run(manager: RunManager, r: RunRequest, onEvent?: (e: RunEvent) => void) {
  const events: RunEvent[] = []
  const { done, runId } = await manager.start(r, (e) => {
    events.push(e)
    onEvent?.(e)
  })
  await done
  return { events, runId }
}

const statsOf = (events: RunEvent[]): ColumnStats[] => {
  const end = events.find((e) => e.type === 'run-finished')
  return end?.type === 'run-finished' ? end.stats : []
}

describe('true cold against warm', () => {
  test('labels iterations by cache mode', () => {
    expect([0, 1, 2].map((i) => promptCacheOf(undefined, i))).toEqual([undefined, 'warm', 'warm'])
    expect([0, 1, 2].map((i) => promptCacheOf('cold', i))).toEqual(['cold', 'cold', 'cold'])
    expect([0, 1, 2, 3].map((i) => promptCacheOf('alternate', i))).toEqual(['cold', 'warm', 'cold', 'warm'])
    expect(withNonce([{ role: 'user', content: 'hi' }], 'ab')).toEqual([{ role: 'user', content: '[nonce ab]\nhi' }])
  })

  test('cold runs each get a fresh nonce before the prompt; warm runs send it unchanged', async () => {
    const { engine, manager } = setup()
    const { events } = await run(manager, request({ repeat: { count: 3, mode: 'sequential', cache: 'cold' } }))
    const firsts = engine.calls.map((c) => c.messages[0]!.content)
    expect(firsts.every((f) => /^\[nonce [0-9a-f]{16}\]\nBe brief\.$/.test(f))).toBe(true)
    expect(new Set(firsts).size).toBe(3)
    expect(engine.calls.map((c) => c.messages[1]!.content)).toEqual(['Hello there', 'Hello there', 'Hello there'])
    const started = events.filter((e) => e.type === 'column-started')
    expect(started.map((e) => (e.type === 'column-started' ? e.promptCache : null))).toEqual(['cold', 'cold', 'cold'])
    expect(statsOf(events)[0]!.promptCache).toMatchObject({ cold: { count: 3 }, warm: { count: 0 } })

    const warm = setup()
    await run(warm.manager, request({ repeat: { count: 2, mode: 'sequential' } }))
    expect(warm.engine.calls.map((c) => c.messages[0]!.content)).toEqual(['Be brief.', 'Be brief.'])
  })

  test('alternate: each warm run repeats the prompt of the cold run just before it', async () => {
    const { engine, manager } = setup()
    const { events } = await run(manager, request({ repeat: { count: 4, mode: 'sequential', cache: 'alternate' } }))
    const firsts = engine.calls.map((c) => c.messages[0]!.content)
    expect(firsts[0]).toMatch(/^\[nonce /)
    expect(firsts[1]).toBe(firsts[0])
    expect(firsts[2]).not.toBe(firsts[0])
    expect(firsts[3]).toBe(firsts[2])
    expect(statsOf(events)[0]!.promptCache).toMatchObject({ cold: { count: 2 }, warm: { count: 2 } })
  })

  test('alternate needs sequential runs; cooldown and cache are checked', () => {
    const base = request({})
    expect(() => validateRunRequest({ ...base, repeat: { count: 2, mode: 'concurrent', cache: 'alternate' } })).toThrow(
      /needs sequential runs/,
    )
    expect(() => validateRunRequest({ ...base, repeat: { count: 2, mode: 'sequential', cache: 'hot' } })).toThrow(
      /repeat cache must be warm, cold, alternate/,
    )
    expect(() => validateRunRequest({ ...base, repeat: { count: 2, mode: 'sequential', cooldownMs: -5 } })).toThrow(
      /cooldown must be 0 to 600000/,
    )
    expect(() => validateRunRequest({ ...base, slo: { ttftMs: 'fast' } })).toThrow(/slo.ttftMs must be a number/)
    const ok = validateRunRequest({
      ...base,
      repeat: { count: 2, mode: 'sequential', cooldownMs: 250, cache: 'cold' },
      slo: { ttftMs: 800, e2eMs: null },
    })
    expect(ok.repeat).toEqual({ count: 2, mode: 'sequential', cooldownMs: 250, cache: 'cold' })
    expect(ok.slo).toEqual({ ttftMs: 800 })
  })
})

describe('cooldown', () => {
  test('a stop during the cooldown ends the run without starting the next iteration', async () => {
    const { engine, manager } = setup()
    let runId = ''
    const { events } = await run(
      manager,
      request({ repeat: { count: 3, mode: 'sequential', cooldownMs: 600_000 } }),
      (e) => {
        if (e.type === 'run-started') runId = e.runId
        // The first iteration has ended: the run is now in its ten-minute cooldown.
        if (e.type === 'column-finished') setTimeout(() => manager.stop(runId), 0)
      },
    )
    expect(engine.calls).toHaveLength(1)
    expect(events.at(-1)!.type).toBe('run-finished')
  })
})

describe('SLO and measures in Run ×N stats', () => {
  test('TTFA and thinking from a reasoning script; goodput against the SLO', async () => {
    const { engine, manager } = setup()
    engine.script('openai/gpt-4o-mini', { reasoning: ['Let me', ' think'], chunks: ['Hi', '!'], ttftMs: 5, gapMs: 20 })
    const { events } = await run(
      manager,
      request({ repeat: { count: 2, mode: 'sequential' }, slo: { ttfaMs: 60_000, ttftMs: 1 } }),
    )
    const [s] = statsOf(events)
    // Two reasoning chunks 20 ms apart came before the answer: the thinking span is at least that.
    expect(s!.thinkingMs!.min).toBeGreaterThanOrEqual(20)
    expect(s!.ttfaMs!.min).toBeGreaterThan(s!.ttftMs!.min)
    // TTFT ≥ 5 ms > 1 ms limit: no run is within.
    expect(s!.goodput).toEqual({ within: 0, runs: 2, share: 0 })
  })
})
