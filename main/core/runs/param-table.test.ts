import { describe, expect, test } from 'vitest'
import { FAKE_PARAM_RANGES, FakeEngine } from '../../../test/doubles/fake-engine'
import { paramTable, rangeOf } from './param-table'

describe('paramTable', () => {
  test("is the engine's rows plus max_tokens and seed, which the engine bounds by type only", () => {
    const table = paramTable(new FakeEngine())
    expect(table.slice(0, FAKE_PARAM_RANGES.length)).toEqual(FAKE_PARAM_RANGES)
    expect(rangeOf(table, 'max_tokens')).toMatchObject({ min: 1, max: 4_294_967_295, integer: true })
    expect(rangeOf(table, 'seed')).toMatchObject({ integer: true, max: Number.MAX_SAFE_INTEGER })
  })

  test("an engine row wins over the app's for the same name", () => {
    const own = { name: 'max_tokens', min: 1, max: 1000, min_exclusive: false, integer: true }
    const table = paramTable({ paramRanges: () => [own] })
    expect(table.filter((r) => r.name === 'max_tokens')).toEqual([own])
    expect(() => rangeOf(table, 'nope')).toThrow(/no row for "nope"/)
  })
})
