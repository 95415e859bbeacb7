import { type Arrival, type CallMeasures, callMeasures } from '../../../../main/common/measures'
import type { Timing, Usage } from '../../../../main/common/timing'
import type { StreamBuffer } from '../columns/stream-buffer'

/**
 * A column's stream buffer as the arrivals main/common/measures.ts reads: parts that
 * arrived at the same instant are one arrival (one network read). The buffer keeps
 * characters, not their kind, so every arrival counts as answer text here; the
 * reasoning/answer split of tokens needs the stored arrivals (history, reports).
 */
export function bufferArrivals(buf: StreamBuffer): Arrival[] {
  const out: Arrival[] = []
  let prevChars = 0
  for (let i = 0; i < buf.arrivals.length; i++) {
    const at = buf.arrivals[i]!
    const chars = buf.cumChars[i]! - prevChars
    prevChars = buf.cumChars[i]!
    const last = out[out.length - 1]
    if (last && last.at === at) last.text += chars
    else out.push({ at, text: chars, reasoning: 0, tool: 0 })
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
