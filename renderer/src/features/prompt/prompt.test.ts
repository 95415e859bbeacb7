import { describe, expect, it } from 'vitest'
import { cleanParams } from '../../shared/clean-params'
import { testStore } from '../../test/fake-api'
import { buildRunRequest } from './build-request'
import { parseOptionalNumber } from './use-draft'

describe('prompt slice', () => {
  it('adds turns alternating roles, edits and removes them', () => {
    const { store } = testStore()
    const s = store.getState()
    s.addTurn()
    s.addTurn()
    const turns = store.getState().turns
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user'])
    store.getState().updateTurn(turns[1]!.id, { content: 'Sure.' })
    store.getState().removeTurn(turns[2]!.id)
    expect(store.getState().turns.map((t) => t.content)).toEqual([turns[0]!.content, 'Sure.'])
  })

  it('builds the request: shared params, per-column overrides only where set', () => {
    const { store } = testStore()
    const s = store.getState()
    s.setSystem('Be brief.')
    s.setParams({ temperature: 0.2, max_tokens: 256, stop: [] })
    s.fillEmptyModels(['simulated/fast', 'openai/gpt-4o-mini'])
    const second = store.getState().columns[1]!.columnId
    store.getState().setColumnOverrides(second, { temperature: 1, seed: undefined })
    const built = buildRunRequest(store.getState())
    if (!('request' in built)) throw new Error(built.problem)
    expect(built.request.system).toBe('Be brief.')
    expect(built.request.params).toEqual({ temperature: 0.2, max_tokens: 256 })
    expect(built.request.columns[0]!.params).toBeUndefined()
    expect(built.request.columns[1]!.params).toEqual({ temperature: 1 })
  })

  it('refuses an empty conversation', () => {
    const { store } = testStore()
    const s = store.getState()
    s.updateTurn(s.turns[0]!.id, { content: '  ' })
    expect(buildRunRequest(store.getState())).toEqual({ problem: 'Write a message first.' })
  })

  it('loads a past request', () => {
    const { store } = testStore()
    const request = {
      system: 'S',
      messages: [
        { role: 'user' as const, content: 'a' },
        { role: 'assistant' as const, content: 'b' },
      ],
      params: { seed: 7 },
      columns: [{ columnId: 'x', model: 'simulated/fast', params: { top_p: 0.5 } }],
    }
    store.getState().loadPrompt(request)
    store.getState().loadColumns(request)
    const s = store.getState()
    expect([s.system, s.turns.length, s.params]).toEqual(['S', 2, { seed: 7 }])
    expect(s.columns.map((c) => [c.model, c.overrides])).toEqual([['simulated/fast', { top_p: 0.5 }]])
  })

  it('cleans and parses parameter values', () => {
    expect(cleanParams({ temperature: Number.NaN, top_p: 0, stop: [] })).toEqual({ top_p: 0 })
    expect(parseOptionalNumber('')).toBeUndefined()
    expect(parseOptionalNumber('0.7', { min: 0, max: 2 })).toBe(0.7)
    expect(parseOptionalNumber('3', { max: 2 })).toBeNull()
    expect(parseOptionalNumber('1.5', { integer: true })).toBeNull()
    expect(parseOptionalNumber('abc')).toBeNull()
  })

  it('keeps between 1 and 8 columns', () => {
    const { store } = testStore()
    for (let i = 0; i < 10; i++) store.getState().addColumn()
    expect(store.getState().columns).toHaveLength(8)
    for (const c of store.getState().columns) store.getState().removeColumn(c.columnId)
    expect(store.getState().columns).toHaveLength(1)
  })
})
