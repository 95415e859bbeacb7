// redact(): the engine's one scrubber, the same function the engine runs on its
// own error messages and the playground runs on everything it logs or stores.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'

const { redact, REDACTED } = llm

describe('redact()', () => {
  test('one marker', () => {
    assert.equal(REDACTED, '[redacted]')
  })

  test('known values, longest first, raw and percent-encoded', () => {
    assert.equal(
      redact('key abc123456 and abc1234567890', ['abc123456', 'abc1234567890']),
      'key [redacted] and [redacted]',
    )
    assert.equal(
      redact('url ?sig=p%40ss%2Fword%2B1 and p@ss/word+1', ['p@ss/word+1']),
      'url ?sig=[redacted] and [redacted]',
    )
  })

  test('the shapes keys travel in, even keys nobody named', () => {
    assert.equal(redact('Authorization: Bearer eyJhbGciOi.x-y_z'), 'Authorization: Bearer [redacted]')
    assert.equal(
      redact('GET https://x/v1beta/models?alt=sse&key=AIzaSyD-123'),
      'GET https://x/v1beta/models?alt=sse&key=[redacted]',
    )
    assert.equal(redact('{"x-api-key": "sk-ant-api03-abc"}'), '{"x-api-key": "[redacted]"}')
    assert.equal(
      redact('Incorrect API key provided: sk-proj-abcdefgh1234'),
      'Incorrect API key provided: sk-[redacted]',
    )
    assert.equal(redact('groq gsk_abcdefgh, xai xai-abcdefgh'), 'groq gsk_[redacted], xai xai-[redacted]')
  })

  test('ordinary text and short values are left alone', () => {
    const text = 'model not found: gpt-4o-mini (status 404)'
    assert.equal(redact(text, ['abcd']), text)
  })

  test('patterns: false removes only the values (content may discuss sk-… keys)', () => {
    const text = 'Your key is sk-proj-ABCDEFGH12345678. sk-example-of-a-key stays, Bearer abcdef too.'
    assert.equal(
      redact(text, ['sk-proj-ABCDEFGH12345678'], { patterns: false }),
      'Your key is [redacted]. sk-example-of-a-key stays, Bearer abcdef too.',
    )
  })

  test('bad arguments are a BadRequestError saying what to pass', () => {
    assert.throws(() => redact(42), llm.BadRequestError)
    assert.throws(() => redact('x', 'not-a-list'), /secrets/)
    assert.throws(() => redact('x', [1, 2]), /secrets/)
  })
})
