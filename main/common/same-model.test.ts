import { describe, expect, test } from 'vitest'
import type { CatalogGroup } from './api'
import { hostsServing, modelKey } from './same-model'

describe('modelKey', () => {
  test('one key for one model on every host', () => {
    const llama = [
      'groq/llama-3.3-70b-versatile',
      'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct',
      'ollama/llama3.3:70b',
      'hosted_vllm/meta-llama/Llama-3.3-70B-Instruct',
      'openrouter/meta-llama/llama-3.3-70b-instruct',
    ]
    expect(new Set(llama.map(modelKey))).toEqual(new Set(['llama3370b']))
    expect(modelKey('openrouter/openai/gpt-4o-mini')).toBe(modelKey('openai/gpt-4o-mini'))
    expect(modelKey('openai/gpt-4o-mini-2024-07-18')).toBe(modelKey('openai/gpt-4o-mini'))
  })

  test('different sizes or versions stay apart', () => {
    expect(modelKey('groq/llama-3.1-8b-instant')).not.toBe(modelKey('groq/llama-3.3-70b-versatile'))
    expect(modelKey('ollama/llama3.1:8b')).toBe(modelKey('groq/llama-3.1-8b-instant'))
    expect(modelKey('openai/gpt-4o')).not.toBe(modelKey('openai/gpt-4o-mini'))
  })
})

const group = (provider: string, label: string, ids: string[]): CatalogGroup => ({
  provider,
  label,
  keyStatus: { set: true, source: 'saved' },
  models: ids.map((id) => ({ id, label: id, source: 'known' })),
})

describe('hostsServing', () => {
  test('fills the columns with the same model on every host, host named in each label', () => {
    const catalog = [
      group('simulated', 'Simulated', ['simulated/alpha']),
      group('together_ai', 'Together AI', ['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo']),
      group('groq', 'Groq', ['groq/llama-3.1-8b-instant', 'groq/llama-3.3-70b-versatile']),
      group('ollama', 'Ollama', ['ollama/llama3.3:70b']),
      group('endpoint:e1', 'my vLLM', ['openai/meta-llama/Llama-3.3-70B-Instruct']),
      group('openai', 'OpenAI', ['openai/gpt-4o-mini']),
    ]
    const hosts = hostsServing('groq/llama-3.3-70b-versatile', catalog)
    expect(hosts.map((h) => h.label)).toEqual([
      'llama-3.3-70b-versatile @ Groq',
      'meta-llama/Llama-3.3-70B-Instruct-Turbo @ Together AI',
      'llama3.3:70b @ Ollama',
      'meta-llama/Llama-3.3-70B-Instruct @ my vLLM',
    ])
    expect(hosts[3]).toMatchObject({ endpointId: 'e1', model: 'openai/meta-llama/Llama-3.3-70B-Instruct' })
    expect(hostsServing('openai/gpt-4o-mini', catalog).map((h) => h.host)).toEqual(['OpenAI'])
  })
})
