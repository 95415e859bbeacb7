import { type Arrival, type CallMeasures, callMeasures } from '../../../main/common/measures'
import type { Timing, Usage } from '../../../main/common/timing'
import type { StreamBuffer } from './stream-buffer'

/**
 * A column's stream buffer as the arrivals main/common/measures.ts reads: parts that
 * arrived at the same instant are one arrival (one network read). The buffer keeps
 * characters and where the answer began, not each part's kind: what came before the
 * first answer part counts as reasoning, the rest as answer (reasoning models think
 * first). History and reports use the exact kinds main recorded.
 */
export function bufferArrivals(buf: StreamBuffer): Arrival[] {
  const out: Arrival[] = []
  let prevChars = 0
  const answerFrom = buf.firstAnswerIndex ?? (buf.reasoning.length > 0 ? buf.arrivals.length : 0)
  for (let i = 0; i < buf.arrivals.length; i++) {
    const at = buf.arrivals[i]!
    const chars = buf.cumChars[i]! - prevChars
    prevChars = buf.cumChars[i]!
    const kind = i < answerFrom ? 'reasoning' : 'text'
    let last = out[out.length - 1]
    if (!last || last.at !== at) {
      last = { at, text: 0, reasoning: 0, tool: 0 }
      out.push(last)
    }
    last[kind] += chars
  }
  return out
}

/** The column's measures so far: live from the engine's estimate, final with the provider's count. */
export function bufferMeasures(
  buf: StreamBuffer,
  timing: Timing | null,
  usage: Usage | null,
): { arrivals: Arrival[]; m: CallMeasures } {
  const arrivals = bufferArrivals(buf)
  return { arrivals, m: callMeasures(arrivals, timing, usage) }
}
