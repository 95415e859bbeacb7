import { describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import { MAX_COLUMNS, MAX_REPEAT } from '../../common/limits'
import { paramTable } from './param-table'
import { type ValidationContext, validateRunRequest as validate } from './validate-request'

const ctx: ValidationContext = {
  ranges: paramTable(new FakeEngine()),
  providers: ['openai', 'anthropic'],
  endpoints: [{ id: 'ep1', name: 'My vLLM' }],
}
const validateRunRequest = (raw: unknown) => validate(raw, ctx)

const base = {
  messages: [{ role: 'user', content: 'hi' }],
  params: {},
  columns: [{ columnId: 'a', model: 'openai/x' }],
}

describe('validateRunRequest', () => {
  test('keeps known fields only, so history stores nothing smuggled in', () => {
    const r = validateRunRequest({
      ...base,
      api_key: 'sk-smuggled',
      params: { temperature: 0.5, api_key: 'sk-x', stop: [] },
      columns: [{ columnId: 'a', model: 'openai/x', api_base: 'http://evil', params: { max_tokens: 10 } }],
    })
    expect(JSON.stringify(r)).not.toContain('smuggled')
    expect(JSON.stringify(r)).not.toContain('evil')
    expect(r).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      params: { temperature: 0.5 },
      columns: [{ columnId: 'a', model: 'openai/x', params: { max_tokens: 10 } }],
    })
  })

  test.each([
    [{ ...base, messages: [] }, /at least one message/],
    [{ ...base, messages: [{ role: 'system', content: 'x' }] }, /role must be user or assistant/],
    [{ ...base, columns: [base.columns[0], base.columns[0]] }, /duplicate columnId/],
    [{ ...base, params: { temperature: 3 } }, /temperature/],
    [{ ...base, params: { max_tokens: 1.5 } }, /max_tokens/],
    [{ ...base, params: { max_tokens: -5 } }, /max_tokens is -5: use a whole number from 1 to/],
    [{ ...base, params: { temperature: '0.7' } }, /temperature is "0.7": use a number/],
    [
      { ...base, columns: [{ columnId: 'a', model: 'openai/x', params: { top_p: 1.5 } }] },
      /column 1 parameters: top_p/,
    ],
    [
      { ...base, columns: [{ columnId: 'a', model: 'nonsense/foo-bar' }] },
      /unknown provider "nonsense" in "nonsense\/foo-bar"; known providers: simulated, openai, anthropic/,
    ],
    [{ ...base, columns: [{ columnId: 'a', model: 'openai/x', endpointId: 'gone' }] }, /no longer exists/],
    [{ ...base, repeat: { count: 0, mode: 'sequential' } }, /repeat count/],
    [{ ...base, repeat: { count: 2, mode: 'parallel' } }, /repeat mode/],
    [null, /must be an object/],
  ])('refuses %j', (input, message) => {
    expect(() => validateRunRequest(input)).toThrow(message)
  })

  test("checks ranges with the engine's table: its edges pass", () => {
    const r = validateRunRequest({ ...base, params: { temperature: 2, top_p: 0, max_tokens: 1, seed: -3 } })
    expect(r.params).toEqual({ temperature: 2, top_p: 0, max_tokens: 1, seed: -3 })
  })

  test("names an endpoint column's endpoint as it is now, whatever the caller said", () => {
    const r = validateRunRequest({
      ...base,
      columns: [{ columnId: 'a', model: 'openai/gpt-4o-mini', endpointId: 'ep1', endpointName: 'spoofed' }],
    })
    expect(r.columns).toEqual([
      { columnId: 'a', model: 'openai/gpt-4o-mini', endpointId: 'ep1', endpointName: 'My vLLM' },
    ])
  })

  test('simulated models need no provider from the engine', () => {
    expect(
      validateRunRequest({ ...base, columns: [{ columnId: 'a', model: 'simulated/alpha' }] }).columns,
    ).toHaveLength(1)
  })
})

describe('limits shared with the renderer (main/common/limits.ts)', () => {
  test('the largest Run ×N and column count the controls allow are accepted; one more is refused', () => {
    const columns = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ columnId: `c${i}`, model: 'openai/gpt-4o-mini', params: {} }))
    const request = (n: number, count: number) => ({
      messages: [{ role: 'user', content: 'hi' }],
      params: {},
      columns: columns(n),
      repeat: { count, mode: 'sequential' },
    })
    expect(() => validateRunRequest(request(MAX_COLUMNS, MAX_REPEAT))).not.toThrow()
    expect(() => validateRunRequest(request(MAX_COLUMNS, MAX_REPEAT + 1))).toThrow(`1 to ${MAX_REPEAT}`)
    expect(() => validateRunRequest(request(MAX_COLUMNS + 1, 1))).toThrow(`1 to ${MAX_COLUMNS}`)
  })
})
