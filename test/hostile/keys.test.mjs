// A server that echoes the caller's key — in a 401 body, a long text body, a
// mid-stream error event, an unparseable 200, a redirect's Location — never gets
// it into any error field, whatever shape the key has.

import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { call, collectUntilError, failure, hostilePerFile, T } from './helpers.mjs'

const h = hostilePerFile()

const hex = (n) => randomBytes(n).toString('hex')
const alnum = (n) =>
  Array.from(randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('')

/** Keys in each provider's real shape, and random strings with no known prefix. */
const KEYS = {
  openai: `sk-proj-${alnum(48)}`,
  anthropic: `sk-ant-api03-${alnum(40)}-${alnum(20)}AA`,
  gemini: `AIza${alnum(35)}`,
  'gemini (no AIza prefix)': alnum(39),
  azure: hex(16),
  mistral: alnum(32),
  together_ai: hex(32),
  fireworks_ai: `fw_${alnum(24)}`,
  groq: `gsk_${alnum(52)}`,
  xai: `xai-${alnum(80)}`,
  'random base64': randomBytes(30).toString('base64'),
  'random with URL-special characters': `${alnum(10)}/+=&?%${alnum(10)}`,
}

/** Every place an error can carry text. */
function assertKeyAbsent(err, key, label) {
  assert.ok(err, `${label}: expected an error`)
  const places = {
    message: err.message,
    string: String(err),
    stack: err.stack ?? '',
    json: JSON.stringify(err),
    own: JSON.stringify(Object.fromEntries(Object.getOwnPropertyNames(err).map((k) => [k, err[k]]))),
  }
  const forms = [key, encodeURIComponent(key), key.slice(0, 12), key.slice(-12)]
  for (const [place, text] of Object.entries(places)) {
    for (const form of forms) assert.ok(!text.includes(form), `${label}: the key (${form}) is in err.${place}: ${text}`)
  }
}

describe('keys never leak, whatever their shape and wherever the server echoes them', () => {
  for (const [shape, key] of Object.entries(KEYS)) {
    test(`${shape}`, T, async () => {
      const base = { api_key: key }
      assertKeyAbsent(await failure(completion({ ...call(h.server, 'echo-401'), ...base })), key, '401 JSON body')
      assertKeyAbsent(await failure(completion({ ...call(h.server, 'echo-401-text'), ...base })), key, '401 text body')
      assertKeyAbsent(
        await failure(completion({ ...call(h.server, 'echo-unparseable'), ...base })),
        key,
        'unparseable 200',
      )
      assertKeyAbsent(await failure(completion({ ...call(h.server, 'redirect'), ...base })), key, 'redirect Location')
      const stream = await completion({ ...call(h.server, 'echo-stream'), ...base, stream: true })
      const { err, text } = await collectUntilError(stream)
      assert.equal(text, 'a')
      assertKeyAbsent(err, key, 'mid-stream error event')
      assert.ok(stream.timing, 'a failed stream still reports its timing')
      assert.ok(!JSON.stringify(stream.timing).includes(key.slice(0, 12)), 'the key is in the timing record')
    })
  }

  test('the key sent in the provider’s own header (Anthropic, Azure, Gemini) is redacted too', T, async () => {
    const key = alnum(40)
    for (const [model, extra] of [
      ['anthropic/claude-sonnet-4-0', {}],
      ['azure/dep', { api_version: '2024-10-21' }],
      ['gemini/gemini-2.0-flash', {}],
    ]) {
      const err = await failure(completion({ ...call(h.server, 'echo-401'), model, api_key: key, ...extra }))
      assert.equal(err.name, 'AuthenticationError', `${model}: ${err}`)
      assertKeyAbsent(err, key, model)
    }
  })

  test('a credential passed in extra_headers is redacted like api_key', T, async () => {
    const token = alnum(36)
    const err = await failure(
      completion({
        ...call(h.server, 'echo-401'),
        api_key: undefined,
        extra_headers: { Authorization: `Bearer ${token}` },
      }),
    )
    assertKeyAbsent(err, token, 'extra_headers Authorization')
  })

  test('a key with a line break fails before any request, naming api_key and not quoting it', T, async () => {
    const before = h.server.stats.requests.length
    const key = `${alnum(20)}\r\nX-Injected: 1`
    const err = await failure(completion({ ...call(h.server, 'good'), api_key: key }))
    assert.equal(err.name, 'BadRequestError')
    assert.match(err.message, /api_key/)
    assert.match(err.message, /line break/)
    assertKeyAbsent(err, key.slice(0, 20), 'bad key')
    assert.equal(h.server.stats.requests.length, before)
  })
})
