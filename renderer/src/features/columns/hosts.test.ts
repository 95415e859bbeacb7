import { describe, expect, it } from 'vitest'
import type { CatalogGroup } from '../../../../main/common/api'
import { modelLabel } from '../../../../main/common/model-ref'
import { testStore } from '../../test/fake-api'

const group = (provider: string, label: string, ids: string[]): CatalogGroup => ({
  provider,
  label,
  keyStatus: { set: true, source: 'saved' },
  models: ids.map((id) => ({ id, label: id, source: 'known' })),
})

const CATALOG = [
  group('groq', 'Groq', ['groq/llama-3.3-70b-versatile']),
  group('together_ai', 'Together AI', ['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo']),
  group('ollama', 'Ollama', ['ollama/llama3.3:70b']),
  group('endpoint:e1', 'My vLLM', ['openai/meta-llama/Llama-3.3-70B-Instruct']),
  group('openai', 'OpenAI', ['openai/gpt-4o-mini']),
]

describe('host against host', () => {
  it('fills the columns with the same model on every host, keeping the overrides', async () => {
    const { store } = testStore({ catalog: async () => CATALOG })
    await store.getState().loadCatalog()
    const first = store.getState().columns[0]!.columnId
    store.getState().setColumnModel(first, 'groq/llama-3.3-70b-versatile')
    store.getState().setColumnOverrides(first, { temperature: 0 })
    expect(store.getState().fillHosts(first)).toBe(4)
    const columns = store.getState().columns
    expect(columns.map((c) => modelLabel({ ...c, endpointName: c.endpointId ? 'My vLLM' : undefined }))).toEqual([
      'groq/llama-3.3-70b-versatile',
      'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'ollama/llama3.3:70b',
      'meta-llama/Llama-3.3-70B-Instruct @ My vLLM',
    ])
    expect(columns[3]!.endpointId).toBe('e1')
    expect(columns.every((c) => c.overrides.temperature === 0)).toBe(true)
  })

  it('changes nothing when only one host serves the model', async () => {
    const { store } = testStore({ catalog: async () => CATALOG })
    await store.getState().loadCatalog()
    const before = store.getState().columns
    store.getState().setColumnModel(before[0]!.columnId, 'openai/gpt-4o-mini')
    expect(store.getState().fillHosts(before[0]!.columnId)).toBe(1)
    expect(store.getState().columns).toHaveLength(before.length)
  })
})
