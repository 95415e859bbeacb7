// API keys never leak: not in error messages, strings, JSON or stacks, nor in
// a failed stream's timing record, whatever the provider echoes back.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import { closedPort, collectUntilError, failure, fakePerFile, params, provider, T, WIRES } from './helpers.mjs'

const { completion } = llm
const h = fakePerFile()

describe('API keys never leak', () => {
  const SECRET = 'sk-test-SECRET123456'
  /** @param {any} err */
  function assertNoKey(err, label) {
    const where = {
      message: err.message,
      string: String(err),
      json: JSON.stringify(err),
      stack: err.stack,
      inspect: JSON.stringify(Object.entries(err)),
    }
    for (const [k, v] of Object.entries(where)) {
      assert.ok(!String(v).includes(SECRET), `${label}: key found in ${k}: ${v}`)
      assert.ok(!String(v).includes('SECRET123456'), `${label}: key tail found in ${k}`)
    }
  }

  for (const p of WIRES) {
    test(`${p.name}: provider echoing the key in its 401 message`, T, async () => {
      const script = { status: 401, error: { message: `Incorrect API key provided: ${SECRET}. Check it.` } }
      const err = await failure(completion(params(p, h.fake, script, { api_key: SECRET })))
      assert.ok(err instanceof llm.AuthenticationError, `${err.name}: ${err.message}`)
      assertNoKey(err, p.name)
      assert.match(err.message, /Incorrect API key provided/)
    })

    test(`${p.name}: key echoed in a mid-stream error`, T, async () => {
      const script = { text: 'a b c', mid_stream_error_after: 1, error: { message: `boom for ${SECRET}` } }
      const s = await completion(params(p, h.fake, script, { api_key: SECRET, stream: true }))
      const r = await collectUntilError(s)
      assert.ok(r.err)
      assertNoKey(r.err, p.name)
      assert.ok(!JSON.stringify(s.timing).includes(SECRET), 'no key in the timing record')
    })
  }

  test('connection error and timing records carry no key', T, async () => {
    const port = await closedPort()
    const err = await failure(
      completion({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'x' }],
        api_key: SECRET,
        api_base: `http://127.0.0.1:${port}/v1`,
      }),
    )
    assertNoKey(err, 'refused')
    const r = await completion(params(provider('openai'), h.fake, { text: 'ok' }, { api_key: SECRET }))
    assert.ok(!JSON.stringify(r).includes(SECRET))
  })

  test('a key in the api_base query string is not echoed in a connection error', T, async () => {
    const port = await closedPort()
    // Query-string credentials of no known shape (a proxy's token, a signature).
    const token = 'Zq7TnV4yW1pLr8KcX2mB'
    for (const query of [`token=${token}`, `sig=${token}&v=1`, `key=${token}`]) {
      const err = await failure(
        completion({
          model: 'openai/gpt-4o-mini',
          messages: [{ role: 'user', content: 'x' }],
          api_key: SECRET,
          api_base: `http://127.0.0.1:${port}/v1?${query}`,
        }),
      )
      assert.equal(err.name, 'APIConnectionError', err.message)
      assert.match(err.message, /127\.0\.0\.1/, 'the URL is still named')
      for (const text of [err.message, String(err), err.stack ?? '', JSON.stringify(err)]) {
        assert.ok(!text.includes(token), `${query}: the query-string key leaked: ${text}`)
      }
    }
  })
})
