import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Draft } from '../../../../main/common/api'
import { testStore } from '../../test/fake-api'
import { DRAFT_SAVE_DELAY_MS } from './draft-slice'

const saved: Draft = {
  system: 'Be brief.',
  turns: [
    { role: 'user', content: 'Q1' },
    { role: 'assistant', content: 'A1' },
  ],
  params: { temperature: 0.3 },
  columns: [
    { model: 'openai/gpt-4o-mini', overrides: { seed: 7 } },
    { model: 'openai/llama', endpointId: 'gone', overrides: {} },
  ],
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('draft', () => {
  it('restores the saved draft; a column whose endpoint is gone starts empty', async () => {
    const { store } = testStore({ getDraft: async () => saved })
    await store.getState().loadSettings()
    await store.getState().loadDraft()
    const s = store.getState()
    expect([s.system, s.turns.map((t) => [t.role, t.content]), s.params]).toEqual([
      'Be brief.',
      [
        ['user', 'Q1'],
        ['assistant', 'A1'],
      ],
      { temperature: 0.3 },
    ])
    expect(s.columns.map((c) => [c.model, c.endpointId, c.overrides])).toEqual([
      ['openai/gpt-4o-mini', undefined, { seed: 7 }],
      ['', undefined, {}],
    ])
  })

  it('saves changes once typing pauses, not per keystroke, and never before the saved one is restored', async () => {
    const { store, fake } = testStore()
    const saves = () => fake.calls.filter((c) => c.method === 'saveDraft')
    store.getState().setSystem('before the draft loaded')
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS * 2)
    expect(saves()).toHaveLength(0)
    await store.getState().loadDraft()
    for (const text of ['a', 'ab', 'abc']) {
      store.getState().setSystem(text)
      await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS / 4)
    }
    expect(saves()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS)
    expect(saves()).toHaveLength(1)
    expect((saves()[0]!.args[0] as Draft).system).toBe('abc')
    // A pending change is written at once when the page goes away.
    store.getState().setSystem('abcd')
    store.getState().flushDraft()
    expect(saves()).toHaveLength(2)
  })
})
