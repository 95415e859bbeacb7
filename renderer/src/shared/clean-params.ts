import type { RunParams } from '../../../main/common/api'

/**
 * Drops unset keys, so "absent means the provider's default" holds on the wire.
 * The prompt's shared parameters, each column's overrides, the draft and load mode
 * all send parameters through it.
 */
export function cleanParams(params: RunParams): RunParams {
  const out: RunParams = {}
  for (const [key, value] of Object.entries(params) as [keyof RunParams, unknown][]) {
    if (value === undefined || value === null || value === '') continue
    if (typeof value === 'number' && Number.isNaN(value)) continue
    if (Array.isArray(value) && value.length === 0) continue
    ;(out as Record<string, unknown>)[key] = value
  }
  return out
}
