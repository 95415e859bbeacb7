/**
 * Removes known key values from streamed content before it is stored or
 * shown: a provider (or a model asked to) may echo a key in its output. A key
 * can be split across chunks, so each stream of text (text, reasoning, each
 * tool call's arguments) holds back a tail that could be the start of a key
 * until the next chunk tells; the tail goes out with the next chunk, before
 * the finish part, or at the end.
 */
import type { StreamPart } from '../../common/stream-parts'
import { redact } from '../engine'

export class ContentScrubber {
  readonly #secrets: string[]
  readonly #pending = new Map<string, { text: string; last: StreamPart }>()

  constructor(secrets: readonly string[]) {
    // The engine decides which values count as keys (too short ones would match
    // ordinary text); these are only watched for a key split across chunks.
    this.#secrets = [...new Set(secrets)].filter((s) => s.length > 0)
  }

  /** The parts with keys removed; may hold back the end of a text until the next call. */
  parts(parts: StreamPart[]): StreamPart[] {
    if (this.#secrets.length === 0) return parts
    const out: StreamPart[] = []
    for (const part of parts) {
      const channel = channelOf(part)
      if (channel === null) {
        if (part.type === 'finish') out.push(...this.end())
        out.push(part)
        continue
      }
      const held = this.#pending.get(channel)
      const text = this.#scrub((held?.text ?? '') + textOf(part))
      const keep = this.#possibleKeyStart(text)
      const ready = text.slice(0, text.length - keep)
      this.#pending.set(channel, { text: text.slice(text.length - keep), last: part })
      if (ready) out.push(withText(part, ready))
    }
    return out
  }

  /** Whatever is still held back (the stream ended): nothing more can complete a key. */
  end(): StreamPart[] {
    const out: StreamPart[] = []
    for (const { text, last } of this.#pending.values()) if (text) out.push(withText(last, text))
    this.#pending.clear()
    return out
  }

  /** Values only: content may legitimately discuss `sk-…` or `Bearer …`. */
  #scrub(text: string): string {
    return redact(text, this.#secrets, { patterns: false })
  }

  /** The length of the longest end of `text` that is the beginning of a key. */
  #possibleKeyStart(text: string): number {
    let longest = 0
    for (const secret of this.#secrets) {
      for (let k = Math.min(secret.length - 1, text.length); k > longest; k--) {
        if (text.charCodeAt(text.length - k) === secret.charCodeAt(0) && text.endsWith(secret.slice(0, k))) {
          longest = k
          break
        }
      }
    }
    return longest
  }
}

function channelOf(part: StreamPart): string | null {
  if (part.type === 'text' || part.type === 'reasoning') return part.type
  if (part.type === 'tool_call') return `tool:${part.index}`
  return null
}

function textOf(part: StreamPart): string {
  if (part.type === 'text' || part.type === 'reasoning') return part.text
  if (part.type === 'tool_call') return part.arguments
  return ''
}

function withText(part: StreamPart, text: string): StreamPart {
  if (part.type === 'text' || part.type === 'reasoning') return { ...part, text }
  if (part.type === 'tool_call') {
    // The id and name went out with the first fragment; a held tail carries only arguments.
    return { ...part, arguments: text }
  }
  return part
}
