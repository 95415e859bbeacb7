import { describe, expect, test } from 'vitest'
import { scrub, scrubKeyValues } from './scrub'

describe('scrub', () => {
  test('removes known key values, longest first', () => {
    expect(scrub('key abc123456 and abc1234567890', ['abc123456', 'abc1234567890'])).toBe(
      'key [redacted] and [redacted]',
    )
  })

  test('removes keys in the shapes they travel in, even unknown ones', () => {
    expect(scrub('Authorization: Bearer eyJhbGciOi.x-y_z')).toBe('Authorization: Bearer [redacted]')
    expect(scrub('GET https://x/v1beta/models?alt=sse&key=AIzaSyD-123')).toBe(
      'GET https://x/v1beta/models?alt=sse&key=[redacted]',
    )
    expect(scrub('{"x-api-key": "sk-ant-api03-abc"}')).toBe('{"x-api-key": "[redacted]"}')
    expect(scrub('Incorrect API key provided: sk-proj-abcdefgh1234')).toBe('Incorrect API key provided: sk-[redacted]')
  })

  test('leaves ordinary text alone', () => {
    expect(scrub('model not found: gpt-4o-mini (status 404)', ['abcd'])).toBe(
      'model not found: gpt-4o-mini (status 404)',
    )
  })

  test("is the engine's scrubber: its key shapes and percent-encoded values too", () => {
    expect(scrub('groq says gsk_abcdefgh1234 is wrong')).toBe('groq says gsk_[redacted] is wrong')
    expect(scrub('echoed ?sig=p%40ss%2Fword%2B1', ['p@ss/word+1'])).toBe('echoed ?sig=[redacted]')
  })
})

describe('scrubKeyValues', () => {
  test('removes only the values, in every string of a value, raw or percent-encoded', () => {
    const run = { output: 'key p@ss/word+1 and sk-example-text', meta: ['p%40ss%2Fword%2B1', 3, null] }
    expect(scrubKeyValues(run, ['p@ss/word+1'])).toEqual({
      output: 'key [redacted] and sk-example-text',
      meta: ['[redacted]', 3, null],
    })
  })
})
