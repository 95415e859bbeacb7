/**
 * The allowed range of a numeric run parameter. One table serves every check:
 * main builds it from the engine's own validation table (`param_ranges()` of
 * `@edgequake/llm`) plus the fields the engine types by their width alone, and
 * serves it to the renderer, whose fields check exactly what main and the engine
 * will check.
 */
import type { ParamRange } from '../../native/js/types/ParamRange'

export type { ParamRange }

/** Why `value` is outside `range` (the engine's wording), or null when it fits. */
export function rangeProblem(range: ParamRange, value: number): string | null {
  const low = range.min_exclusive ? value > range.min : value >= range.min
  if (Number.isFinite(value) && low && value <= range.max && (!range.integer || Number.isInteger(value))) return null
  return `use ${describeRange(range)}`
}

/** "a number from 0 to 2", "a whole number from 1 to 4294967295", "a number greater than 0 to 86400". */
export function describeRange(range: ParamRange): string {
  const kind = range.integer ? 'a whole number' : 'a number'
  const low = range.min_exclusive ? `greater than ${range.min}` : `from ${range.min}`
  return `${kind} ${low} to ${range.max}`
}

/** Parses a typed value: '' is "not set" (undefined); otherwise a number in range, or the problem. */
export function parseParam(
  text: string,
  range: ParamRange | undefined,
): { ok: true; value: number | undefined } | { ok: false; problem: string } {
  const t = text.trim()
  if (t === '') return { ok: true, value: undefined }
  const n = Number(t)
  if (!Number.isFinite(n)) {
    return { ok: false, problem: range ? `Not a number: use ${describeRange(range)}` : 'Not a number' }
  }
  if (!range) return { ok: true, value: n }
  const problem = rangeProblem(range, n)
  return problem ? { ok: false, problem: capitalise(problem) } : { ok: true, value: n }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
