// Model-list responses, one shape per provider:
// OpenAI  https://platform.openai.com/docs/api-reference/models/list
// Anthropic https://docs.anthropic.com/en/api/models-list
// Gemini  https://ai.google.dev/api/models#method:-models.list
// Ollama  https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models

import { createHash } from 'node:crypto'

/** Built-in lists, used until a test calls setModels(provider, ids). */
/** @type {Record<string, string[]>} */
export const DEFAULT_MODELS = {
  openai: ['gpt-4o-mini', 'gpt-4o', 'o3-mini'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'],
  gemini: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.0-flash'],
  ollama: ['llama3.2:latest', 'qwen3:8b'],
  azure: ['gpt-4o-mini', 'gpt-4.1'],
}

/** Fixed timestamp: lists must be byte-identical across runs. */
const CREATED = 1_700_000_000
const CREATED_ISO = new Date(CREATED * 1000).toISOString()

/** "claude-sonnet-4-5" → "Claude Sonnet 4 5": good enough for a picker. */
const displayName = (/** @type {string} */ id) =>
  id
    .split(/[-_:]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')

/** @type {Record<string, (ids: string[]) => unknown>} */
const SHAPES = {
  openai: (ids) => ({
    object: 'list',
    data: ids.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'fake-provider' })),
  }),
  anthropic: (ids) => ({
    data: ids.map((id) => ({ type: 'model', id, display_name: displayName(id), created_at: CREATED_ISO })),
    has_more: false,
    first_id: ids[0] ?? null,
    last_id: ids.at(-1) ?? null,
  }),
  gemini: (ids) => ({
    models: ids.map((id) => ({
      name: `models/${id}`,
      version: '001',
      displayName: displayName(id),
      description: `Fake ${id}`,
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
      supportedGenerationMethods: ['generateContent', 'countTokens'],
    })),
  }),
  ollama: (ids) => ({
    models: ids.map((name) => ({
      name,
      model: name,
      modified_at: CREATED_ISO,
      size: 2_019_393_189,
      digest: createHash('sha256').update(name).digest('hex'),
      details: {
        parent_model: '',
        format: 'gguf',
        family: name.split(/[:.\d]/)[0] || 'llama',
        families: [name.split(/[:.\d]/)[0] || 'llama'],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    })),
  }),
  /** Azure's resource model list has OpenAI's list shape. */
  azure: (ids) => SHAPES.openai(ids),
}

/** Providers whose lists can be overridden. */
export const MODEL_PROVIDERS = Object.keys(SHAPES)

/**
 * @param {string} provider One of MODEL_PROVIDERS.
 * @param {string[]} ids
 */
export function listModels(provider, ids) {
  const shape = SHAPES[provider]
  if (!shape) throw new Error(`no model list for provider "${provider}"`)
  return shape(ids)
}
