/**
 * True cold against warm runs. Providers cache prompt prefixes (OpenAI, Anthropic,
 * DeepSeek, vLLM and llama.cpp all reuse a prefix they have seen), so a repeated prompt
 * can be answered faster than a new one. A cold run puts a random nonce at the very
 * start of the prompt, so no cached prefix matches; a warm run sends what was sent
 * before. Run ×N labels each iteration so the two are shown apart.
 */
import type { CacheMode } from '../../common/api'
import type { EngineMessage } from '../engine'

export type CacheLabel = 'cold' | 'warm' | undefined

/**
 * The label of an iteration: `cold` always cold; `alternate` cold on even iterations and
 * warm on odd ones (each repeats the cold prompt just before it); `warm` (the default)
 * warm from the second iteration on, the first unlabelled (a cache may or may not hold it).
 */
export function promptCacheOf(mode: CacheMode | undefined, iteration: number): CacheLabel {
  if (mode === 'cold') return 'cold'
  if (mode === 'alternate') return iteration % 2 === 0 ? 'cold' : 'warm'
  return iteration > 0 ? 'warm' : undefined
}

/** The messages with the nonce before the first one's text (the system prompt when there is one). */
export function withNonce(messages: readonly EngineMessage[], nonce: string): EngineMessage[] {
  if (messages.length === 0) return []
  const [first, ...rest] = messages
  return [{ ...first!, content: `[nonce ${nonce}]\n${first!.content}` }, ...rest]
}
