// Replies no server should send, each ending in its own clear, typed error after
// delivering what arrived: cut streams, resets, HTML, compression, redirects,
// unbounded lines and bodies, huge indices, unparseable bodies, stalls.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion, stream_chunk_builder } from '@edgequake/llm'
import { call, collectUntilError, failure, hostilePerFile, T } from './helpers.mjs'

const h = hostilePerFile()
const streamed = (scenario, over = {}, params = {}) =>
  completion({ ...call(h.server, scenario, over, params), stream: true })

describe('a stream succeeds only if it ended the way its wire ends a stream', () => {
  for (const scenario of ['eof-cut', 'chunked-cut']) {
    test(
      `${scenario}: the text that arrived, then APIConnectionError; the builder keeps finish_reason null`,
      T,
      async () => {
        const { text, err, chunks } = await collectUntilError(await streamed(scenario))
        assert.equal(text, scenario === 'eof-cut' ? 'Hello' : 'Hel')
        assert.equal(err?.name, 'APIConnectionError', String(err))
        assert.match(err.message, /ended before/)
        assert.equal(stream_chunk_builder(chunks).choices[0].finish_reason, null)
      },
    )
  }

  for (const scenario of ['rst', 'fin-mid-chunk']) {
    test(`${scenario}: a broken connection mid-stream is APIConnectionError after the text`, T, async () => {
      const { text, err } = await collectUntilError(await streamed(scenario))
      assert.equal(text, 'Hel')
      assert.equal(err?.name, 'APIConnectionError', String(err))
    })
  }

  test('a whole, well-ended stream still succeeds', T, async () => {
    const { text, err, finish } = await collectUntilError(await streamed('good'))
    assert.equal(err, null)
    assert.equal(text, 'Hello')
    assert.equal(finish, 'stop')
  })
})

describe('answers that are not a model’s answer', () => {
  test('a 200 text/html page (captive portal) is an APIError naming it, streamed and not', T, async () => {
    for (const stream of [true, false]) {
      const err = stream
        ? (await collectUntilError(await streamed('html'))).err
        : await failure(completion(call(h.server, 'html')))
      assert.equal(err?.name, 'APIError', String(err))
      assert.equal(err.status_code, 200)
      assert.equal(err.retryable, false)
      assert.match(err.message, /text\/html/)
      assert.match(err.message, /Hotel WiFi login/)
    }
  })

  test('gzip is undone although we asked for identity, streamed and not', T, async () => {
    const { text, err } = await collectUntilError(await streamed('gzip-stream'))
    assert.equal(err, null)
    assert.equal(text, 'Hello')
    const whole = await completion(call(h.server, 'gzip-json'))
    assert.equal(whole.choices[0].message.content, 'Hello')
    assert.equal(h.server.stats.requests.at(-1).headers['accept-encoding'], 'identity')
  })

  test('an encoding we cannot decode (br) is an APIError naming it', T, async () => {
    const { err } = await collectUntilError(await streamed('br'))
    assert.equal(err?.name, 'APIError', String(err))
    assert.match(err.message, /Content-Encoding: br/)
  })

  test('a redirect is not followed: APIError with the status and where it pointed', T, async () => {
    const err = await failure(completion(call(h.server, 'redirect')))
    assert.equal(err.name, 'APIError')
    assert.equal(err.status_code, 302)
    assert.match(err.message, /HTTP 302/)
    assert.match(err.message, /127\.0\.0\.1:9\/elsewhere/)
    assert.match(err.message, /api_base/)
  })

  test('an unparseable 200 is a non-retryable APIError with status 200', T, async () => {
    const err = await failure(completion({ ...call(h.server, 'garbage'), num_retries: 3 }))
    assert.equal(err.name, 'APIError')
    assert.equal(err.status_code, 200)
    assert.equal(err.retryable, false)
    assert.equal(h.server.stats.requests.filter((r) => r.path.startsWith('/garbage')).length, 1)
  })

  test("a mid-stream error's numeric code becomes its class and status_code", T, async () => {
    const { text, err } = await collectUntilError(await streamed('midstream-429'))
    assert.equal(text, 'a')
    assert.equal(err?.name, 'RateLimitError', String(err))
    assert.equal(err.status_code, 429)
  })
})

describe('caps: nothing from the wire sizes a buffer', () => {
  test('one endless SSE line fails at max_event_bytes and the socket is closed', T, async () => {
    const { err } = await collectUntilError(await streamed('huge-line', { max_event_bytes: 1 << 20 }))
    assert.equal(err?.name, 'APIError', String(err))
    assert.match(err.message, /max_event_bytes=1048576/)
    // The server was stopped by our close long before its 512 MiB.
    assert.ok(h.server.stats.flooded < 256 << 20, `server wrote ${h.server.stats.flooded} bytes`)
  })

  test('a 300 MB error body is read only as far as its message needs', T, async () => {
    const before = h.server.stats.flooded
    const err = await failure(completion(call(h.server, 'huge-error')))
    assert.equal(err.name, 'InternalServerError')
    assert.equal(err.status_code, 500)
    assert.ok(err.message.length < 3000, `message of ${err.message.length} characters`)
    assert.ok(h.server.stats.flooded - before < 100 << 20, 'the body was not read whole')
  })

  test('a huge tool-call index is an APIError, streamed (after the text) and not', T, async () => {
    for (const index of [4294967295, 1e9, 1024]) {
      const { text, err } = await collectUntilError(await streamed('huge-index', {}, { index }))
      assert.equal(text, 'a')
      assert.equal(err?.name, 'APIError', `${index}: ${err}`)
      assert.match(err.message, /index/)
      const whole = await failure(completion(call(h.server, 'huge-index-json', {}, { index })))
      assert.equal(whole.name, 'APIError', `${index}: ${whole}`)
    }
  })

  test('index 1023 is still a tool call', T, async () => {
    const { err, chunks } = await collectUntilError(await streamed('huge-index', {}, { index: 1023 }))
    assert.equal(err, null)
    assert.equal(stream_chunk_builder(chunks).choices[0].message.tool_calls[0].function.name, 'f')
  })
})

describe('stalls', () => {
  test('stream_timeout fails a stream that receives nothing, with a typed Timeout after the text', T, async () => {
    const { text, err } = await collectUntilError(await streamed('stall', { stream_timeout: 0.3 }))
    assert.equal(text, 'a')
    assert.equal(err?.name, 'Timeout', String(err))
    assert.match(err.message, /stream_timeout=0.3s/)
  })

  test('headers then silence: stream_timeout applies before the first byte of the body too', T, async () => {
    const { err } = await collectUntilError(await streamed('stall-headers-only', { stream_timeout: 0.2 }))
    assert.equal(err?.name, 'Timeout', String(err))
  })

  test('without stream_timeout the total timeout still ends a stalled stream', T, async () => {
    const { err } = await collectUntilError(await streamed('stall', { timeout: 0.5 }))
    assert.equal(err?.name, 'Timeout', String(err))
    assert.match(err.message, /timeout=0.5s/)
  })
})
