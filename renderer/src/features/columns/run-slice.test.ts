import { describe, expect, it } from 'vitest'
import { testStore, timing } from '../../test/fake-api'

async function started() {
  const t = testStore()
  t.store.getState().fillEmptyModels(['simulated/fast', 'simulated/slow'])
  await t.store.getState().startRun()
  const [a, b] = t.store.getState().columns.map((c) => c.columnId) as [string, string]
  return { ...t, a, b }
}

const part = (text: string, at: number) => ({ type: 'text' as const, text, at })

describe('run slice', () => {
  it('starts a run with the prompt and one spec per column', async () => {
    const { store, fake } = await started()
    expect(store.getState().runId).toBe('r1')
    expect(store.getState().runStatus).toBe('running')
    expect(fake.lastRequest?.columns.map((c) => c.model)).toEqual(['simulated/fast', 'simulated/slow'])
    expect(Object.values(store.getState().lanes).map((l) => l.status)).toEqual(['queued', 'queued'])
  })

  it('appends parts without a store update, then publishes once per frame', async () => {
    const { store, fake, a, runFrame, frames } = await started()
    fake.emit({ type: 'column-started', runId: 'r1', iteration: 0, columnId: a, startSkewMs: 0.3, warm: false })
    let updates = 0
    const unsubscribe = store.subscribe(() => {
      updates += 1
    })
    for (let i = 0; i < 50; i++) {
      fake.emit({ type: 'parts', runId: 'r1', iteration: 0, columnId: a, parts: [part('tok ', 200 + i * 5)] })
    }
    expect(updates).toBe(0)
    expect(frames).toHaveLength(1)
    const buf = store.getState().buffers[a]!
    expect(buf.text).toBe('tok '.repeat(50))
    expect(buf.arrivals).toHaveLength(50)
    expect(store.getState().lanes[a]!.version).toBe(0)

    runFrame()
    expect(updates).toBe(1)
    const lane = store.getState().lanes[a]!
    expect(lane.version).toBe(50)
    expect(lane.status).toBe('streaming')
    unsubscribe()
  })

  it('finishes a column with the engine timing and keeps the others going', async () => {
    const { store, fake, a, b } = await started()
    for (const id of [a, b]) {
      fake.emit({ type: 'column-started', runId: 'r1', iteration: 0, columnId: id, startSkewMs: 0, warm: true })
      fake.emit({ type: 'parts', runId: 'r1', iteration: 0, columnId: id, parts: [part('hi', 210)] })
    }
    const usage = {
      prompt_tokens: 5,
      completion_tokens: 101,
      total_tokens: 106,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    }
    fake.emit({
      type: 'column-finished',
      runId: 'r1',
      iteration: 0,
      columnId: a,
      timing: timing(),
      usage,
      costUsd: 0.001,
    })
    const s = store.getState()
    expect(s.lanes[a]!.status).toBe('done')
    expect(s.lanes[a]!.timing?.first_token_ms).toBe(200)
    expect(s.lanes[a]!.version).toBe(1)
    expect(s.lanes[b]!.status).toBe('streaming')
    expect(s.results).toHaveLength(1)
  })

  it('marks a stopped column apart from a failed one, keeping what arrived', async () => {
    const { store, fake, a, b } = await started()
    fake.emit({ type: 'column-started', runId: 'r1', iteration: 0, columnId: a, startSkewMs: 0, warm: false })
    fake.emit({ type: 'parts', runId: 'r1', iteration: 0, columnId: a, parts: [part('partial', 300)] })
    await store.getState().stopColumn(a)
    expect(fake.calls.find((c) => c.method === 'stopRun')?.args).toEqual(['r1', a])
    const abort = { name: 'AbortError', message: 'stopped', status_code: null, retryable: false, hint: null }
    fake.emit({ type: 'column-failed', runId: 'r1', iteration: 0, columnId: a, error: abort, timing: null })
    const auth = { name: 'AuthenticationError', message: 'bad key', status_code: 401, retryable: false, hint: 'Set it' }
    fake.emit({ type: 'column-failed', runId: 'r1', iteration: 0, columnId: b, error: auth, timing: null })
    const s = store.getState()
    expect(s.lanes[a]!.status).toBe('stopped')
    expect(s.buffers[a]!.text).toBe('partial')
    expect(s.lanes[b]!.status).toBe('failed')
    expect(s.lanes[b]!.error?.status_code).toBe(401)
  })

  it('ends the run with main’s stats', async () => {
    const { store, fake } = await started()
    fake.emit({ type: 'run-finished', runId: 'r1', stats: [] })
    expect(store.getState().runStatus).toBe('done')
  })

  it('ignores events of another run and parts of an iteration not shown', async () => {
    const { store, fake, a } = await started()
    fake.emit({ type: 'column-started', runId: 'r1', iteration: 1, columnId: a, startSkewMs: 0, warm: true })
    fake.emit({ type: 'parts', runId: 'r1', iteration: 0, columnId: a, parts: [part('old', 5)] })
    fake.emit({ type: 'parts', runId: 'other', iteration: 1, columnId: a, parts: [part('foreign', 5)] })
    expect(store.getState().buffers[a]!.text).toBe('')
    expect(store.getState().lanes[a]!.iteration).toBe(1)
  })

  it('refuses to start without a model and says why', async () => {
    const { store, fake } = testStore()
    await store.getState().startRun()
    expect(fake.calls.some((c) => c.method === 'startRun')).toBe(false)
    expect(store.getState().notice?.text).toMatch(/Pick a model for column 1/)
  })

  it('shows a start failure in every column', async () => {
    const { store } = testStore({
      startRun: async () => {
        throw new Error('8 columns at most')
      },
    })
    store.getState().fillEmptyModels(['simulated/fast', 'simulated/slow'])
    await store.getState().startRun()
    const lanes = Object.values(store.getState().lanes)
    expect(lanes.every((l) => l.status === 'failed' && l.error?.message === '8 columns at most')).toBe(true)
  })

  it('passes Run ×N and pre-warm through', async () => {
    const { store, fake } = testStore()
    store.getState().fillEmptyModels(['simulated/fast', 'simulated/slow'])
    store.getState().setRepeat({ repeatCount: 5, repeatMode: 'concurrent', prewarm: true })
    await store.getState().runRepeat()
    expect(fake.lastRequest?.repeat).toEqual({ count: 5, mode: 'concurrent' })
    expect(fake.lastRequest?.prewarm).toBe(true)
    expect(store.getState().iterations).toBe(5)
  })
})
