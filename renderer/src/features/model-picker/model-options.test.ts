import { describe, expect, it } from 'vitest'
import type { CatalogGroup } from '../../../../main/common/api'
import { CATALOG, testStore } from '../../test/fake-api'
import { defaultModels } from './catalog-slice'
import {
  buildOptionGroups,
  endpointIdFor,
  flattenOptions,
  GROUP_LIMIT,
  matches,
  modelName,
  providerOf,
} from './model-options'

describe('model options', () => {
  it('lists recent models first, then each provider', () => {
    const groups = buildOptionGroups(CATALOG, ['openai/gpt-4.1'], '')
    expect(groups.map((g) => g.key)).toEqual(['__recent', 'simulated', 'openai'])
    expect(groups[0]!.options[0]).toMatchObject({ id: 'openai/gpt-4.1', label: 'GPT-4.1', source: 'recent' })
    expect(groups[2]!.keyStatus).toEqual({ set: false, source: null })
    expect(groups[2]!.liveError).toBe('no key')
    // Simulated models need no key: no badge.
    expect(groups[1]!.keyStatus).toBeUndefined()
  })

  it('filters as you type on every term, across id and label', () => {
    const ids = flattenOptions(buildOptionGroups(CATALOG, [], 'gpt mini')).map((o) => o.id)
    expect(ids).toEqual(['openai/gpt-4o-mini'])
    expect(buildOptionGroups(CATALOG, [], 'zzz')).toEqual([])
  })

  it('offers free entry of an unlisted model, explicitly and last, for a known provider only', () => {
    const groups = buildOptionGroups(CATALOG, [], 'openai/gpt-9-preview')
    expect(groups.at(-1)).toMatchObject({
      key: '__free',
      options: [
        {
          id: 'openai/gpt-9-preview',
          source: 'free',
          label: 'Use “openai/gpt-9-preview” as typed: it is not in the list',
        },
      ],
    })
    expect(groups.at(-1)!.options[0]!.disabledReason).toBeUndefined()
    const unknown = flattenOptions(buildOptionGroups(CATALOG, [], 'nonsense/foo-bar'))
    expect(unknown).toHaveLength(1)
    expect(unknown[0]!.disabledReason).toBe(
      'Unknown provider "nonsense": use one of openai, simulated (as provider/model)',
    )
    // An exact id is not "free": no such entry.
    expect(buildOptionGroups(CATALOG, [], 'simulated/fast').map((g) => g.key)).toEqual(['__exact', 'simulated'])
  })

  it('puts an exact match first, ahead of recent models it is a prefix of', () => {
    const recent = ['openai/gpt-4.1-mini', 'openai/gpt-4o-mini', 'openai/gpt-4.1']
    const first = flattenOptions(buildOptionGroups(CATALOG, recent, 'openai/gpt-4.1'))[0]!
    expect(first).toMatchObject({ id: 'openai/gpt-4.1', source: 'live' })
    expect(flattenOptions(buildOptionGroups(CATALOG, recent, 'OpenAI/GPT-4o-mini'))[0]!.id).toBe('openai/gpt-4o-mini')
  })

  it("keeps an endpoint's model apart from the provider's with the same id, in Recent too", () => {
    const endpoint = { id: 'ep1', name: 'Local vLLM', baseUrl: 'http://127.0.0.1:8000/v1', hasKey: false }
    const group: CatalogGroup = {
      provider: 'endpoint:ep1',
      label: 'Local vLLM',
      keyStatus: { set: false, source: null },
      models: [{ id: 'openai/gpt-4o-mini', label: 'gpt-4o-mini', source: 'custom' }],
    }
    const recent = ['endpoint:ep1/openai/gpt-4o-mini', 'openai/gpt-4o-mini']
    const groups = buildOptionGroups([...CATALOG, group], recent, '', [endpoint])
    const rec = groups.find((g) => g.key === '__recent')!.options
    expect(rec.map((o) => [o.id, o.endpointId, o.key])).toEqual([
      ['openai/gpt-4o-mini', 'ep1', 'endpoint:ep1/openai/gpt-4o-mini'],
      ['openai/gpt-4o-mini', undefined, 'openai/gpt-4o-mini'],
    ])
    // A recent endpoint model whose endpoint was deleted is not offered (it could only go elsewhere).
    expect(buildOptionGroups(CATALOG, ['endpoint:gone/openai/x'], '').map((g) => g.key)).not.toContain('__recent')
  })

  it('keeps long lists short until narrowed', () => {
    const big: CatalogGroup = {
      provider: 'openrouter',
      label: 'OpenRouter',
      keyStatus: { set: true, source: 'saved' },
      models: Array.from({ length: 100 }, (_, i) => ({
        id: `openrouter/m${i}`,
        label: `M${i}`,
        source: 'live' as const,
      })),
    }
    const [g] = buildOptionGroups([big], [], '')
    expect(g!.options).toHaveLength(GROUP_LIMIT)
    expect(g!.hidden).toBe(100 - GROUP_LIMIT)
  })

  it('maps custom endpoint models to their endpoint', () => {
    const group: CatalogGroup = {
      provider: 'endpoint:ep1',
      label: 'My vLLM',
      keyStatus: { set: false, source: null },
      models: [{ id: 'openai/llama', label: 'llama', source: 'custom' }],
    }
    const endpoint = { id: 'ep1', name: 'My vLLM', baseUrl: 'http://x/v1', hasKey: false }
    expect(endpointIdFor(group, group.models[0]!, [endpoint])).toBe('ep1')
    expect(flattenOptions(buildOptionGroups([group], [], '', [endpoint]))[0]!.endpointId).toBe('ep1')
  })

  it('splits provider/model and matches terms', () => {
    expect(providerOf('anthropic/claude-sonnet-4-0')).toBe('anthropic')
    expect(modelName('openrouter/meta/llama')).toBe('meta/llama')
    expect(matches('', { id: 'a', label: 'b' })).toBe(true)
  })

  it('defaults columns to recent then simulated models', () => {
    expect(defaultModels(CATALOG, ['openai/gpt-4.1'])).toEqual(['openai/gpt-4.1', 'simulated/fast', 'simulated/slow'])
  })
})

describe('catalog slice', () => {
  it('loads the catalog, fills empty columns, and refreshes only when stale', async () => {
    const { store, fake, advance } = testStore()
    await store.getState().loadCatalog()
    expect(store.getState().columns.map((c) => c.model)).toEqual(['simulated/fast', 'simulated/slow'])
    const loads = () => fake.calls.filter((c) => c.method === 'catalog').length
    store.getState().refreshCatalogIfStale()
    expect(loads()).toBe(1)
    advance(31_000)
    store.getState().refreshCatalogIfStale()
    expect(loads()).toBe(2)
  })
})
