/**
 * Host against host: the same open or hosted model is named differently by every host
 * (`groq/llama-3.3-70b-versatile`, `together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo`,
 * `fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct`, Ollama's
 * `llama3.3:70b`, `openrouter/openai/gpt-4o-mini`). `modelKey` reduces a name to what
 * identifies the weights — family, version, size — dropping the host's namespaces and
 * serving words (instruct, turbo, versatile, latest, quantisation tags); `hostsServing`
 * finds every host in the catalog whose model has the same key.
 */
import type { CatalogGroup } from './api'

/** Words hosts add that do not change which model answers. */
const NOISE = new Set([
  'meta',
  'instruct',
  'turbo',
  'versatile',
  'instant',
  'chat',
  'latest',
  'preview',
  'hf',
  'it',
  'fp8',
  'fp16',
  'bf16',
  'gguf',
  'awq',
  'q4',
  'q5',
  'q8',
  'k',
  'm',
  's',
  '0',
])

export function modelKey(model: string): string {
  // The provider prefix and any namespace: the model is the last path segment.
  const last = model.toLowerCase().split('/').pop() ?? ''
  const cleaned = last
    .replace(/\d{4}-\d{2}-\d{2}/g, ' ') // dated snapshots: gpt-4o-mini-2024-07-18
    .replace(/(\d)p(\d)/g, '$1.$2') // Fireworks' v3p3 → 3.3
    .replace(/(^|[-_.:\s])v(?=\d)/g, '$1') // v3 → 3
  const tokens = cleaned.split(/[-_.:\s]+/).filter((t) => t && !NOISE.has(t))
  return tokens.join('')
}

export interface HostedModel {
  /** `provider/model` as the catalog lists it. */
  model: string
  /** Set for a custom endpoint's model. */
  endpointId?: string
  /** The host's name, for every label: "OpenRouter", "Groq", "my vLLM". */
  host: string
  /** `<model> @ <host>`. */
  label: string
}

const ENDPOINT_GROUP = 'endpoint:'

/** Every catalog entry serving the same model as `model` (by `modelKey`), one per host, the asked-for host first. */
export function hostsServing(model: string, groups: readonly CatalogGroup[]): HostedModel[] {
  const key = modelKey(model)
  if (!key) return []
  const out: HostedModel[] = []
  for (const group of groups) {
    if (group.provider === 'simulated') continue
    const match = group.models.find((m) => modelKey(m.id) === key)
    if (!match) continue
    const bare = match.id.slice(match.id.indexOf('/') + 1)
    const hosted: HostedModel = { model: match.id, host: group.label, label: `${bare} @ ${group.label}` }
    if (group.provider.startsWith(ENDPOINT_GROUP)) hosted.endpointId = group.provider.slice(ENDPOINT_GROUP.length)
    out.push(hosted)
  }
  return out.sort((a, b) => Number(b.model === model) - Number(a.model === model))
}
