// The advice an error carries is a field of its own: `err.hint` (library terms),
// `err.detail` (what went wrong, bare), and LiteLLM's `err.message` (both, formatted
// once in errors.cjs), so an app can show the detail with advice of its own.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import { failure, fakePerFile, params, provider, T, WIRES } from './helpers.mjs'

const { completion } = llm
const h = fakePerFile()

describe('err.hint and err.detail', () => {
  for (const p of WIRES) {
    test(`${p.name}: a 401 carries the provider's words as detail and the advice as hint`, T, async () => {
      const msg = 'Incorrect API key provided'
      const err = await failure(completion(params(p, h.fake, { status: 401, error: { message: msg } })))
      assert.ok(err instanceof llm.AuthenticationError, `${err.name}: ${err.message}`)
      assert.equal(err.detail, msg)
      assert.match(err.hint, /^check the API key: pass `api_key`/)
      assert.equal(err.message, `${msg} (${err.hint})`, 'LiteLLM code reads message + hint')
    })
  }

  test('an error without advice has hint null and message === detail', T, async () => {
    const p = provider('openai')
    const err = await failure(completion(params(p, h.fake, { status: 500, error: { message: 'boom ref=Q7' } })))
    assert.ok(err instanceof llm.InternalServerError)
    assert.equal(err.hint, null)
    assert.equal(err.detail, 'boom ref=Q7')
    assert.equal(err.message, err.detail)
  })

  test('the hint is never in the detail (context window, rate limit, not found)', T, async () => {
    const p = provider('openai')
    for (const [status, message, cls] of [
      [400, "This model's maximum context length is 8192 tokens", llm.ContextWindowExceededError],
      [429, 'slow down', llm.RateLimitError],
      [404, 'no such model', llm.NotFoundError],
    ]) {
      const err = await failure(completion(params(p, h.fake, { status, error: { message } })))
      assert.ok(err instanceof cls, `${status}: ${err.name}`)
      assert.equal(err.detail, message)
      assert.equal(typeof err.hint, 'string')
      assert.ok(!err.detail.includes(err.hint))
    }
  })

  test('errors built in JS (bad input) have a detail and no hint', async () => {
    const err = await failure(completion(null))
    assert.ok(err instanceof llm.BadRequestError)
    assert.equal(err.detail, err.message)
    assert.equal(err.hint, null)
  })

  test('a class built by hand formats message from detail and hint', () => {
    const err = new llm.RateLimitError('slow down', { status_code: 429, hint: 'retry later', retryable: true })
    assert.deepEqual(
      [err.message, err.detail, err.hint, err.retryable],
      ['slow down (retry later)', 'slow down', 'retry later', true],
    )
  })
})
