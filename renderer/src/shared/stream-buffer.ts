import type { FinishReason, StreamPart } from '../../../main/common/stream-parts'

export interface ToolCallView {
  index: number
  id?: string
  name?: string
  arguments: string
}

/**
 * One column's output as it streams. Mutated in place on the per-chunk path (no
 * store update per part); the store's frame flush publishes `version` once per frame.
 */
export interface StreamBuffer {
  text: string
  reasoning: string
  /** Arrival offset (`at`, ms from the call start) of every token-bearing part. */
  arrivals: number[]
  /** Characters generated up to and including each arrival (for the token estimate). */
  cumChars: number[]
  chars: number
  toolCalls: ToolCallView[]
  finishReason: FinishReason | null
  /** Local clock (ms) when the last token-bearing part arrived here: live "no tokens for N s". */
  lastTokenLocalAt: number | null
  /** Index in `arrivals` of the first answer part (text or tool call): TTFA; null before one came. */
  firstAnswerIndex: number | null
  /** Bumped on every append. */
  version: number
}

export function createStreamBuffer(): StreamBuffer {
  return {
    text: '',
    reasoning: '',
    arrivals: [],
    cumChars: [],
    chars: 0,
    toolCalls: [],
    finishReason: null,
    lastTokenLocalAt: null,
    firstAnswerIndex: null,
    version: 0,
  }
}

/** Appends parts; O(parts), no copies of what arrived before. `localNow`: when they arrived here. */
export function appendParts(buf: StreamBuffer, parts: StreamPart[], localNow: number | null = null): void {
  const before = buf.arrivals.length
  for (const part of parts) {
    switch (part.type) {
      case 'text':
      case 'reasoning': {
        if (part.text === '') continue
        if (part.type === 'text') {
          buf.text += part.text
          buf.firstAnswerIndex ??= buf.arrivals.length
        } else buf.reasoning += part.text
        track(buf, part.text.length, part.at)
        break
      }
      case 'tool_call': {
        let call = buf.toolCalls.find((c) => c.index === part.index)
        if (!call) {
          call = { index: part.index, arguments: '' }
          buf.toolCalls.push(call)
        }
        if (part.id) call.id = part.id
        if (part.name) call.name = part.name
        call.arguments += part.arguments
        if (part.arguments !== '') {
          buf.firstAnswerIndex ??= buf.arrivals.length
          track(buf, part.arguments.length, part.at)
        }
        break
      }
      case 'finish':
        buf.finishReason = part.reason
        break
    }
  }
  if (localNow !== null && buf.arrivals.length > before) buf.lastTokenLocalAt = localNow
  buf.version += 1
}

function track(buf: StreamBuffer, chars: number, at: number): void {
  buf.chars += chars
  buf.arrivals.push(at)
  buf.cumChars.push(buf.chars)
}

/** The engine's estimate when no usage is reported: ceil(characters / 4). */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4)
}
