import { describe, expect, it } from 'vitest'
import type { HistoryRun, HistorySummary } from '../../../../main/common/api'
import { testStore, timing } from '../../test/fake-api'

const summary = (runId: string, createdAt: number): HistorySummary => ({
  runId,
  createdAt,
  prompt: 'p',
  models: ['simulated/fast'],
  iterations: 1,
  status: 'done',
})

const RUN: HistoryRun = {
  ...summary('r0', 1),
  request: {
    system: 'S',
    messages: [{ role: 'user', content: 'again' }],
    params: { temperature: 0.5 },
    columns: [
      { columnId: 'x', model: 'simulated/fast' },
      { columnId: 'y', model: 'simulated/slow' },
    ],
    repeat: { count: 3, mode: 'sequential' },
  },
  columns: [
    {
      columnId: 'x',
      model: 'simulated/fast',
      iteration: 0,
      output: 'hi',
      reasoning: '',
      timing: timing(),
      usage: null,
      error: null,
      costUsd: null,
    },
  ],
  stats: [],
}

describe('history slice', () => {
  it('lists newest first and passes the search query', async () => {
    const { store, fake } = testStore({ listHistory: async () => [summary('old', 1), summary('new', 2)] })
    await store.getState().setHistoryQuery(' hash ')
    expect(store.getState().history.map((h) => h.runId)).toEqual(['new', 'old'])
    void fake
  })

  it('re-runs a past run: its prompt, columns and Run ×N', async () => {
    const { store, fake } = testStore()
    await store.getState().rerun(RUN)
    const s = store.getState()
    expect(s.view).toBe('playground')
    expect(s.turns.map((t) => t.content)).toEqual(['again'])
    expect(fake.lastRequest?.columns.map((c) => c.model)).toEqual(['simulated/fast', 'simulated/slow'])
    expect(fake.lastRequest?.repeat).toEqual({ count: 3, mode: 'sequential' })
    expect(fake.lastRequest?.params).toEqual({ temperature: 0.5 })
  })

  it('deletes a run and closes it when open', async () => {
    const { store } = testStore({ getRun: async () => RUN, listHistory: async () => [summary('r0', 1)] })
    await store.getState().loadHistory()
    await store.getState().openHistoryRun('r0')
    expect(store.getState().openRun?.runId).toBe('r0')
    await store.getState().deleteHistoryRun('r0')
    expect(store.getState().openRun).toBeNull()
    expect(store.getState().history).toEqual([])
  })
})
