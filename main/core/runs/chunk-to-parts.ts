/**
 * Turns the engine's OpenAI-shaped chunks back into the stream-part vocabulary
 * of main/common (text, reasoning, tool_call, finish), each stamped with the
 * chunk's socket arrival offset. The usage-only final chunk carries no part.
 */
import type { FinishReason, StreamPart } from '../../common/stream-parts'
import type { EngineChunk } from '../engine'

const FINISH_REASONS: ReadonlySet<string> = new Set<FinishReason>([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
])

export function chunkToParts(chunk: EngineChunk): StreamPart[] {
  const at = chunk._arrival_ms
  const parts: StreamPart[] = []
  const choice = chunk.choices[0]
  if (!choice) return parts
  const { delta } = choice
  if (delta.reasoning_content) parts.push({ type: 'reasoning', text: delta.reasoning_content, at })
  if (delta.content) parts.push({ type: 'text', text: delta.content, at })
  for (const call of delta.tool_calls ?? []) {
    const part: StreamPart = { type: 'tool_call', index: call.index, arguments: call.function?.arguments ?? '', at }
    if (call.id !== undefined) part.id = call.id
    if (call.function?.name !== undefined) part.name = call.function.name
    parts.push(part)
  }
  if (choice.finish_reason) {
    const reason = FINISH_REASONS.has(choice.finish_reason) ? (choice.finish_reason as FinishReason) : 'stop'
    parts.push({ type: 'finish', reason, at })
  }
  return parts
}
