/**
 * The models the picker suggests per provider, with their labels. Their prices
 * are not here: they come from the engine's one price table (`price_table()`,
 * `native/core/data/prices.json`, dated and sourced per entry) through
 * `createPrices`. A model the table lacks has no price (cost shown as unknown),
 * never a guessed one.
 */
import type { EnginePrice } from '../engine'

export interface KnownModel {
  /** `provider/model`. */
  id: string
  label: string
}

export const KNOWN_MODELS: readonly KnownModel[] = [
  { id: 'openai/gpt-4o-mini', label: 'GPT-4o mini' },
  { id: 'openai/gpt-4.1-mini', label: 'GPT-4.1 mini' },
  { id: 'openai/gpt-4.1', label: 'GPT-4.1' },
  { id: 'openai/gpt-4o', label: 'GPT-4o' },
  { id: 'openai/o4-mini', label: 'o4-mini' },
  { id: 'anthropic/claude-sonnet-4-0', label: 'Claude Sonnet 4' },
  { id: 'anthropic/claude-3-5-haiku-latest', label: 'Claude 3.5 Haiku' },
  { id: 'anthropic/claude-opus-4-0', label: 'Claude Opus 4' },
  { id: 'gemini/gemini-2.5-flash', label: 'Gemini 2.5 Flash' },
  { id: 'gemini/gemini-2.5-pro', label: 'Gemini 2.5 Pro' },
  { id: 'gemini/gemini-2.0-flash', label: 'Gemini 2.0 Flash' },
  { id: 'groq/llama-3.3-70b-versatile', label: 'Llama 3.3 70B (Groq)' },
  { id: 'groq/llama-3.1-8b-instant', label: 'Llama 3.1 8B Instant (Groq)' },
  { id: 'mistral/mistral-small-latest', label: 'Mistral Small' },
  { id: 'mistral/mistral-large-latest', label: 'Mistral Large' },
  { id: 'deepseek/deepseek-chat', label: 'DeepSeek Chat' },
  { id: 'deepseek/deepseek-reasoner', label: 'DeepSeek Reasoner' },
  { id: 'xai/grok-3-mini', label: 'Grok 3 mini' },
  {
    id: 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
    label: 'Llama 3.3 70B Turbo (Together)',
  },
  { id: 'openrouter/openai/gpt-4o-mini', label: 'GPT-4o mini (OpenRouter)' },
  {
    id: 'fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct',
    label: 'Llama 3.3 70B (Fireworks)',
  },
  { id: 'perplexity/sonar', label: 'Sonar' },
]

export interface Prices {
  /** USD per million input / output tokens of `provider/model`, if the table has it. */
  priceOf(modelId: string): { input: number; output: number } | undefined
  /** Cost of a call, or null when the model has no known price. */
  costUsd(modelId: string, promptTokens: number, completionTokens: number): number | null
}

/** Lookups over the engine's price table, by `provider/model` (and the table's aliases). */
export function createPrices(table: readonly EnginePrice[]): Prices {
  const byId = new Map<string, { input: number; output: number }>()
  for (const e of table) {
    const price = { input: e.input, output: e.output }
    for (const name of [e.model, ...(e.aliases ?? [])]) byId.set(`${e.provider}/${name}`, price)
  }
  const priceOf = (modelId: string) => byId.get(modelId)
  return {
    priceOf,
    costUsd(modelId, promptTokens, completionTokens) {
      const price = priceOf(modelId)
      if (!price) return null
      return (promptTokens * price.input + completionTokens * price.output) / 1_000_000
    },
  }
}
