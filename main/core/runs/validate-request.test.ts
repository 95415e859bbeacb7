import { describe, expect, test } from 'vitest'
import { validateRunRequest } from './validate-request'

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
    [{ ...base, repeat: { count: 0, mode: 'sequential' } }, /repeat count/],
    [{ ...base, repeat: { count: 2, mode: 'parallel' } }, /repeat mode/],
    [null, /must be an object/],
  ])('refuses %j', (input, message) => {
    expect(() => validateRunRequest(input)).toThrow(message)
  })
})
