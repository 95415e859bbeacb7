/**
 * The known models per provider and their list prices, in USD per million
 * tokens (input / output), as of 2026. Prices change: this is the one file to
 * update, and the UI labels costs as estimates from this table. A model missing
 * here has no price (cost shown as unknown), never a guessed one.
 */
export const PRICES_AS_OF = '2026'

export interface KnownModel {
  /** `provider/model`. */
  id: string
  label: string
  price?: { input: number; output: number }
}

export const KNOWN_MODELS: readonly KnownModel[] = [
  { id: 'openai/gpt-4o-mini', label: 'GPT-4o mini', price: { input: 0.15, output: 0.6 } },
  { id: 'openai/gpt-4.1-mini', label: 'GPT-4.1 mini', price: { input: 0.4, output: 1.6 } },
  { id: 'openai/gpt-4.1', label: 'GPT-4.1', price: { input: 2, output: 8 } },
  { id: 'openai/gpt-4o', label: 'GPT-4o', price: { input: 2.5, output: 10 } },
  { id: 'openai/o4-mini', label: 'o4-mini', price: { input: 1.1, output: 4.4 } },
  { id: 'anthropic/claude-sonnet-4-0', label: 'Claude Sonnet 4', price: { input: 3, output: 15 } },
  { id: 'anthropic/claude-3-5-haiku-latest', label: 'Claude 3.5 Haiku', price: { input: 0.8, output: 4 } },
  { id: 'anthropic/claude-opus-4-0', label: 'Claude Opus 4', price: { input: 15, output: 75 } },
  { id: 'gemini/gemini-2.5-flash', label: 'Gemini 2.5 Flash', price: { input: 0.3, output: 2.5 } },
  { id: 'gemini/gemini-2.5-pro', label: 'Gemini 2.5 Pro', price: { input: 1.25, output: 10 } },
  { id: 'gemini/gemini-2.0-flash', label: 'Gemini 2.0 Flash', price: { input: 0.1, output: 0.4 } },
  { id: 'groq/llama-3.3-70b-versatile', label: 'Llama 3.3 70B (Groq)', price: { input: 0.59, output: 0.79 } },
  { id: 'groq/llama-3.1-8b-instant', label: 'Llama 3.1 8B Instant (Groq)', price: { input: 0.05, output: 0.08 } },
  { id: 'mistral/mistral-small-latest', label: 'Mistral Small', price: { input: 0.1, output: 0.3 } },
  { id: 'mistral/mistral-large-latest', label: 'Mistral Large', price: { input: 2, output: 6 } },
  { id: 'deepseek/deepseek-chat', label: 'DeepSeek Chat', price: { input: 0.27, output: 1.1 } },
  { id: 'deepseek/deepseek-reasoner', label: 'DeepSeek Reasoner', price: { input: 0.55, output: 2.19 } },
  { id: 'xai/grok-3-mini', label: 'Grok 3 mini', price: { input: 0.3, output: 0.5 } },
  {
    id: 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
    label: 'Llama 3.3 70B Turbo (Together)',
    price: { input: 0.88, output: 0.88 },
  },
  { id: 'openrouter/openai/gpt-4o-mini', label: 'GPT-4o mini (OpenRouter)', price: { input: 0.15, output: 0.6 } },
  {
    id: 'fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct',
    label: 'Llama 3.3 70B (Fireworks)',
    price: { input: 0.9, output: 0.9 },
  },
  { id: 'perplexity/sonar', label: 'Sonar', price: { input: 1, output: 1 } },
]

const BY_ID = new Map(KNOWN_MODELS.map((m) => [m.id, m]))

export function priceOf(modelId: string): KnownModel['price'] {
  return BY_ID.get(modelId)?.price
}

/** Cost of a call from the table, or null when the model has no known price. */
export function costUsd(modelId: string, promptTokens: number, completionTokens: number): number | null {
  const price = priceOf(modelId)
  if (!price) return null
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000
}
