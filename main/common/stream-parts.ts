/**
 * The stream parts the playground shows and stores: the engine's own parts
 * (`StreamPart`, generated from native/core/src/parts.rs) narrowed to the four a
 * column displays, each stamped with `at`, its arrival offset at the socket in ms
 * from the column's call start, as measured by the engine. The other parts (meta,
 * usage, server timings…) reach the app through the stream's end record instead.
 */
import type { FinishReason } from '../../native/js/types/FinishReason'
import type { TimedPart } from '../../native/js/types/TimedPart'

export type StreamPart = Extract<TimedPart, { type: 'text' | 'reasoning' | 'tool_call' | 'finish' }>

export type { FinishReason }

/** The parts of an engine batch a column shows, in order; empty text is no part. */
export function shownParts(batch: readonly TimedPart[]): StreamPart[] {
  const shown: StreamPart[] = []
  for (const part of batch) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        if (part.text !== '') shown.push(part)
        break
      case 'tool_call':
      case 'finish':
        shown.push(part)
        break
    }
  }
  return shown
}
