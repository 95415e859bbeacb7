import type { Timing } from '../../../../main/common/timing'
import type { StreamBuffer } from '../../shared/stream-buffer'

/** One column's cumulative output over time: `cumulative[i] × scale` tokens at `arrivals[i]` ms. */
export interface RaceInput {
  arrivals: number[]
  cumulative: number[]
  scale: number
}

/**
 * Live: characters so far ÷ 4 (the engine's estimate). Once the provider reports a
 * token count, the curve is scaled so that it ends exactly there.
 */
export function raceInputFromBuffer(buf: StreamBuffer, timing: Timing | null): RaceInput {
  const scale = timing && timing.output_tokens > 0 && buf.chars > 0 ? timing.output_tokens / buf.chars : 1 / 4
  return { arrivals: buf.arrivals, cumulative: buf.cumChars, scale }
}

/** From a saved run: one step per token-bearing chunk, scaled to the token count. */
export function raceInputFromTiming(timing: Timing): RaceInput {
  const n = timing.chunk_offsets_ms.length
  const cumulative = Array.from({ length: n }, (_, i) => i + 1)
  return { arrivals: timing.chunk_offsets_ms, cumulative, scale: n > 0 ? timing.output_tokens / n : 0 }
}

export type AlignedData = [number[], ...(number | null)[][]]

/**
 * Resamples every series onto one time grid (uPlot wants one shared x axis): O(points
 * + arrivals) per series, so a frame stays cheap however long the outputs are. Each
 * line starts at 0 and stops at its series' last arrival; a series with no token has no line.
 */
export function resampleRace(inputs: RaceInput[], points = 300): AlignedData {
  const end = Math.max(0, ...inputs.map((s) => s.arrivals.at(-1) ?? 0))
  const n = end > 0 ? points : 1
  const step = end / Math.max(1, n - 1)
  const xs = Array.from({ length: n }, (_, i) => i * step)
  if (end > 0) xs[n - 1] = end
  const ys = inputs.map((s) => {
    const out: (number | null)[] = new Array(n)
    const last = s.arrivals.at(-1)
    let k = -1
    for (let i = 0; i < n; i++) {
      const x = xs[i]!
      if (last === undefined || x > last + step) {
        // No token yet (or a failed column): no line, rather than a misleading flat zero.
        out[i] = null
        continue
      }
      while (k + 1 < s.arrivals.length && s.arrivals[k + 1]! <= x) k++
      out[i] = k < 0 ? 0 : s.cumulative[k]! * s.scale
    }
    return out
  })
  return [xs, ...ys]
}
