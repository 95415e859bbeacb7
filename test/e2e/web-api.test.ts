/**
 * End to end through the browser-mode HTTP protocol (no UI): the built server
 * process, the real engine, the fake provider on loopback. Two providers
 * stream side by side with honest TTFTs, a stop keeps what arrived, history
 * survives a restart, and the JSON export is what was shown.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunEvent, RunRequest } from '../../main/common/api'
import { shownText } from './api-client'
import { type Stack, startStack, TEST_KEYS } from './stack'

let stack: Stack
const OPENAI_TTFT = 300
const ANTHROPIC_TTFT = 150
const LONG_TEXT = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ')
const runs: { first?: { runId: string; events: RunEvent[] }; stopped?: { runId: string; events: RunEvent[] } } = {}

beforeAll(async () => {
  stack = await startStack()
  await stack.warmUp()
  await stack.fake.setModelScript('gpt-4o-mini', {
    text: LONG_TEXT,
    first_token_delay_ms: OPENAI_TTFT,
    chunk_delay_ms: 5,
  })
  await stack.fake.setModelScript('claude-3-5-haiku-latest', {
    text: LONG_TEXT,
    first_token_delay_ms: ANTHROPIC_TTFT,
    chunk_delay_ms: 5,
  })
  await stack.fake.setModelScript('gpt-4.1-mini', {
    chunk_count: 3000,
    chunk_text: 'tok ',
    first_token_delay_ms: 10,
    chunk_delay_ms: 10,
  })
})
afterAll(async () => {
  await stack?.close()
})

const request = (columns: RunRequest['columns']): RunRequest => ({
  system: 'You are terse.',
  messages: [{ role: 'user', content: 'Say something about latency' }],
  params: { temperature: 0.2, max_tokens: 200 },
  columns,
})

describe('browser-mode API against the fake provider', () => {
  test('two providers stream side by side; TTFT respects the scripted first-token delay', async () => {
    // Run ×3: every single TTFT respects the scripted delay as a lower bound, and the
    // median the run reports is the median of those three figures. (No upper bound:
    // how late a token comes is machine speed, which benchmarks measure.)
    const events = await stack.api.run({
      ...request([
        { columnId: 'oa', model: 'openai/gpt-4o-mini' },
        { columnId: 'an', model: 'anthropic/claude-3-5-haiku-latest' },
      ]),
      repeat: { count: 3, mode: 'sequential' },
    })
    const runId = events[0]!.runId
    runs.first = { runId, events }
    const finished = events.flatMap((e) => (e.type === 'column-finished' ? [e] : []))
    expect(finished).toHaveLength(6)
    for (const f of finished) {
      const delay = f.columnId === 'oa' ? OPENAI_TTFT : ANTHROPIC_TTFT
      expect(f.timing.first_token_ms).toBeGreaterThanOrEqual(delay)
      // The first token, not the end: 39 more chunks streamed after it.
      expect(f.timing.end_ms).toBeGreaterThan(f.timing.first_token_ms!)
      expect(shownText(events, f.columnId, f.iteration)).toBe(LONG_TEXT)
      expect(f.costUsd).toBeGreaterThan(0)
    }
    const end = events.at(-1)
    if (end?.type !== 'run-finished') throw new Error('no run-finished')
    const p50 = Object.fromEntries(end.stats.map((s) => [s.columnId, s.ttftMs!.p50]))
    for (const [id, delay] of [
      ['oa', OPENAI_TTFT],
      ['an', ANTHROPIC_TTFT],
    ] as const) {
      const ttfts = finished.filter((f) => f.columnId === id).map((f) => f.timing.first_token_ms!)
      const median = [...ttfts].sort((a, b) => a - b)[1]!
      expect(p50[id]).toBeGreaterThanOrEqual(delay)
      expect(p50[id]).toBeCloseTo(median, 2)
    }
    expect(end.stats.map((s) => s.runs)).toEqual([3, 3])
    // Both columns of an iteration were started in one loop: their column-started events
    // come together, in column order, before any part of that iteration, and the second
    // was called no earlier than the first.
    for (const iteration of [0, 1, 2]) {
      const mine = events.filter((e) => 'iteration' in e && e.iteration === iteration)
      const starts = mine.flatMap((e) => (e.type === 'column-started' ? [e] : []))
      expect(starts.map((e) => e.columnId)).toEqual(['oa', 'an'])
      expect(mine.slice(0, 2)).toEqual(starts)
      expect(starts[0]!.startSkewMs).toBeGreaterThanOrEqual(0)
      expect(starts[1]!.startSkewMs).toBeGreaterThanOrEqual(starts[0]!.startSkewMs)
    }
    // The calls went to the fake with the environment's keys, never to the internet.
    const chats = (await stack.fake.requests()).filter((r) => r.provider === 'openai' || r.provider === 'anthropic')
    expect(chats.map((r) => r.provider).sort()).toEqual([
      'anthropic',
      'anthropic',
      'anthropic',
      'openai',
      'openai',
      'openai',
    ])
    expect(JSON.stringify(chats.map((r) => r.headers))).toContain(TEST_KEYS.OPENAI_API_KEY)
    expect(JSON.stringify(events)).not.toContain(TEST_KEYS.OPENAI_API_KEY)
  })

  test('stopping a column mid-stream keeps what arrived, in the events and in history; the other column finishes', async () => {
    let runId = ''
    let partsSeen = 0
    const events = await stack.api.run(
      request([
        { columnId: 'slow', model: 'openai/gpt-4.1-mini' },
        { columnId: 'fast', model: 'anthropic/claude-3-5-haiku-latest' },
      ]),
      (e) => {
        if (e.type === 'run-started') runId = e.runId
        if (e.type === 'parts' && e.columnId === 'slow' && ++partsSeen === 3) void stack.api.stop(runId, 'slow')
      },
    )
    runs.stopped = { runId, events }
    const failed = events.find((e) => e.type === 'column-failed')
    expect(failed).toMatchObject({ columnId: 'slow', error: { name: 'AbortError' } })
    const partial = shownText(events, 'slow')
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(3000 * 4)
    expect(events.some((e) => e.type === 'column-finished' && e.columnId === 'fast')).toBe(true)
    const stored = await stack.api.call('getRun', runId)
    expect(stored!.status).toBe('stopped')
    expect(stored!.columns.find((c) => c.columnId === 'slow')!.output).toBe(partial)
    expect(stored!.columns.find((c) => c.columnId === 'slow')!.error!.name).toBe('AbortError')
  })

  test('history survives a restart of the server', async () => {
    const before = await stack.api.call('listHistory')
    await stack.web.restart()
    const after = await stack.api.call('listHistory')
    expect(after).toEqual(before)
    expect(after.map((r) => r.runId)).toEqual([runs.stopped!.runId, runs.first!.runId])
    const stored = await stack.api.call('getRun', runs.first!.runId)
    expect(stored!.columns.map((c) => c.output)).toEqual(Array(6).fill(LONG_TEXT))
    expect((await stack.api.call('listHistory', 'claude-3-5-haiku')).length).toBe(2)
  })

  test('the JSON export is exactly what was shown', async () => {
    const { runId, events } = runs.first!
    const exported = JSON.parse(await stack.api.call('exportRun', runId, 'json')) as {
      runId: string
      request: RunRequest
      columns: Array<{
        columnId: string
        iteration: number
        output: string
        timing: unknown
        usage: unknown
        costUsd: number | null
      }>
      stats: unknown
    }
    expect(exported.runId).toBe(runId)
    expect(exported.columns).toHaveLength(6)
    expect(exported.request.columns.map((c) => c.model)).toEqual([
      'openai/gpt-4o-mini',
      'anthropic/claude-3-5-haiku-latest',
    ])
    for (const column of exported.columns) {
      const fin = events.find(
        (e) => e.type === 'column-finished' && e.columnId === column.columnId && e.iteration === column.iteration,
      )
      if (fin?.type !== 'column-finished') throw new Error('missing column-finished')
      expect(column.output).toBe(shownText(events, column.columnId, column.iteration))
      expect(column.timing).toEqual(fin.timing)
      expect(column.usage).toEqual(fin.usage)
      expect(column.costUsd).toBe(fin.costUsd)
    }
    const end = events.at(-1)
    expect(end?.type === 'run-finished' && end.stats).toEqual(exported.stats)
    const csv = await stack.api.call('exportRun', runId, 'csv')
    expect(csv.trimEnd().split('\r\n')).toHaveLength(7)
    const snippet = await stack.api.call('snippet', runId, 'an')
    expect(snippet).toContain('process.env.ANTHROPIC_API_KEY')
    expect(snippet).not.toContain(TEST_KEYS.ANTHROPIC_API_KEY)
  })
})
