import { describe, expect, it } from 'vitest'
import { loadTargets, planOf } from './load-form'

const form = { model: 'ollama/llama3.2', kind: 'sweep' as const, levels: '1, 2 4', requestsPerLevel: '10', warmup: '2' }

describe('load form', () => {
  it('reads levels, requests and warm-up into a plan', () => {
    expect(planOf(form)).toEqual({
      plan: { kind: 'sweep', levels: [1, 2, 4], requestsPerLevel: 10, warmup: 2, seed: 1 },
    })
    expect(planOf({ ...form, kind: 'poisson', levels: '0.5,1' })).toMatchObject({ plan: { levels: [0.5, 1] } })
  })

  it('says what is wrong', () => {
    expect(planOf({ ...form, levels: '' })).toEqual({ problem: 'List at least one level.' })
    expect(planOf({ ...form, levels: '1.5' })).toEqual({ problem: 'Concurrencies are whole numbers.' })
    expect(planOf({ ...form, requestsPerLevel: '0' })).toMatchObject({ problem: expect.stringMatching(/Requests/) })
  })

  it('lists servers you own first', () => {
    const g = (provider: string, label: string, source: 'known' | 'local') => ({
      provider,
      label,
      keyStatus: { set: false, source: null },
      models: [{ id: `${provider}/m`, label: 'm', source }],
    })
    expect(loadTargets([g('openai', 'OpenAI', 'known'), g('ollama', 'Ollama', 'local')]).map((t) => t.group)).toEqual([
      'Ollama',
      'OpenAI',
    ])
  })
})
