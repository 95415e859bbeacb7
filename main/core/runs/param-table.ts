/**
 * The one parameter table the app checks against: the engine's own validation
 * table (`param_ranges()`), plus rows for the two fields the engine bounds only
 * by their Rust type (`max_tokens: u32`, `seed: i64`), written here once. Main
 * validates every run with it and serves it to the renderer, so a field turns
 * red for exactly the values main and the engine would refuse.
 */
import type { ParamRange } from '../../common/param-ranges'
import type { Engine } from '../engine'

/** Fields the engine types without a table row: their bounds, as the app allows them. */
const TYPED_BY_WIDTH: ParamRange[] = [
  // u32; 0 asks for no output, which every provider refuses.
  { name: 'max_tokens', min: 1, max: 4_294_967_295, min_exclusive: false, integer: true },
  // i64, limited to the integers a JSON number carries exactly.
  { name: 'seed', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, min_exclusive: false, integer: true },
]

export function paramTable(engine: Pick<Engine, 'paramRanges'>): ParamRange[] {
  const rows = engine.paramRanges()
  const have = new Set(rows.map((r) => r.name))
  return [...rows, ...TYPED_BY_WIDTH.filter((r) => !have.has(r.name))]
}

/** The row for `name`; a missing row is a bug in the table, not bad input. */
export function rangeOf(table: readonly ParamRange[], name: string): ParamRange {
  const row = table.find((r) => r.name === name)
  if (!row) throw new Error(`the parameter table has no row for "${name}"`)
  return row
}
