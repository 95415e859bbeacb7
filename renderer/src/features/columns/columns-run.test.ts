import { describe, expect, it } from 'vitest'
import { testStore } from '../../test/fake-api'
import { buildRunRequest } from '../prompt/build-request'
import { runAnnouncement } from './run-announcement'

describe('columns and runs', () => {
  it('a new column gets the next unused default model, then repeats the last one', async () => {
    const { store } = testStore()
    await store.getState().loadCatalog()
    expect(store.getState().columns.map((c) => c.model)).toEqual(['simulated/fast', 'simulated/slow'])
    store.getState().addColumn()
    store.getState().addColumn()
    expect(store.getState().columns.map((c) => c.model)).toEqual([
      'simulated/fast',
      'simulated/slow',
      'simulated/slow',
      'simulated/slow',
    ])
  })

  it('refuses a run while a field is invalid, naming it and pointing at it', async () => {
    const { store } = testStore()
    await store.getState().loadCatalog()
    store.getState().setFieldError('shared:temperature', {
      text: '5',
      problem: 'Use a number from 0 to 2',
      label: 'Shared temperature',
      elementId: 'param-shared-temperature',
    })
    expect(buildRunRequest(store.getState())).toEqual({
      problem: 'Fix Shared temperature: Use a number from 0 to 2.',
      focus: 'param-shared-temperature',
    })
    // Removing a column drops its fields' errors.
    const second = store.getState().columns[1]!.columnId
    store.getState().setFieldError('shared:temperature', null)
    store.getState().setFieldError(`${second}:seed`, { text: 'x', problem: 'p', label: 'l', elementId: 'e' })
    store.getState().removeColumn(second)
    expect(store.getState().fieldErrors).toEqual({})
  })

  it('refuses an unknown provider before Run, once the catalog is known', async () => {
    const { store, fake } = testStore()
    store.getState().setColumnModel(store.getState().columns[0]!.columnId, 'nonsense/foo')
    store.getState().setColumnModel(store.getState().columns[1]!.columnId, 'openai/gpt-4o-mini')
    await store.getState().loadCatalog()
    await store.getState().runOnce()
    expect(store.getState().notice?.text).toBe(
      'Column 1: Unknown provider "nonsense": use one of openai, simulated (as provider/model).',
    )
    expect(fake.calls.some((c) => c.method === 'startRun')).toBe(false)
  })

  it('retries one failed column alone; the others keep their lanes', async () => {
    const { store, fake } = testStore()
    await store.getState().loadCatalog()
    await store.getState().runOnce()
    const [a, b] = store.getState().columns.map((c) => c.columnId) as [string, string]
    const error = { name: 'InternalServerError', message: 'boom', status_code: 500, retryable: true, hint: null }
    fake.emit({ type: 'column-failed', runId: 'r1', iteration: 0, columnId: a, error, timing: null })
    fake.emit({ type: 'column-failed', runId: 'r1', iteration: 0, columnId: b, error, timing: null })
    fake.emit({ type: 'run-finished', runId: 'r1', stats: [] })
    expect(runAnnouncement(store.getState())).toBe('Run finished: 0 done, 2 failed of 2 columns.')
    await store.getState().retryColumn(a)
    expect(fake.lastRequest!.columns.map((c) => c.columnId)).toEqual([a])
    expect(store.getState().lanes[a]!.status).toBe('queued')
    expect(store.getState().lanes[b]!.status).toBe('failed')
  })
})
