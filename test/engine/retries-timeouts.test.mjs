// num_retries (with retry-after), total timeout and first-byte timeout.

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import {
  chatRequests,
  closedPort,
  collect,
  collectUntilError,
  fakePerFile,
  params,
  provider,
  since,
  T,
  WIRES,
} from './helpers.mjs'

const { completion } = llm
const h = fakePerFile()

/** A fresh fail_first id so counters never leak between tests. */
const uid = () => `retry-${randomUUID()}`
/** Requests the fake logged that carry this script id. */
const attemptsFor = (id) =>
  chatRequests(h.fake).filter((r) => String(r.headers['x-fake-script'] ?? '').includes(id)).length

async function failure(promise) {
  try {
    await promise
  } catch (err) {
    return err
  }
  assert.fail('expected the call to fail')
}

describe('num_retries', () => {
  const CASES = [
    [429, { 'retry-after': '0' }],
    [500, { 'retry-after-ms': '1' }],
    [503, { 'retry-after': '0' }],
    [408, { 'retry-after': '0' }],
    [409, { 'retry-after': '0' }],
    [529, { 'retry-after': '0' }],
  ]
  for (const p of WIRES) {
    for (const [status, headers] of CASES) {
      if (status === 529 && p.wire !== 'anthropic') continue
      test(`${p.name}: ${status} ×2 then success with num_retries 2`, T, async () => {
        const id = uid()
        const script = { id, fail_first: 2, status, headers, text: 'third time lucky' }
        // No clock: our own backoffs (at least 0.25 s, then 0.5 s) would not fit in a
        // 0.7 s timeout, so the engine would give up; honouring retry-after 0 it succeeds.
        const r = await completion(params(p, h.fake, script, { num_retries: 2, timeout: 0.7 }))
        assert.equal(r.choices[0].message.content, 'third time lucky')
        assert.equal(r._timing.attempts, 3)
        assert.equal(attemptsFor(id), 3)
      })
    }
  }

  test('streaming: retried before any chunk, the stream is clean', T, async () => {
    for (const p of WIRES) {
      const id = uid()
      const script = { id, fail_first: 1, status: 429, headers: { 'retry-after': '0' }, text: 'streamed after retry' }
      const s = await completion(params(p, h.fake, script, { stream: true, num_retries: 1 }))
      const r = await collect(s)
      assert.equal(r.text, 'streamed after retry', p.name)
      assert.equal(s.timing.attempts, 2, p.name)
      assert.equal(r.chunks[0].choices[0].delta.role, 'assistant')
      assert.equal(attemptsFor(id), 2)
    }
  })

  test('not retried without num_retries', T, async () => {
    const p = provider('openai')
    const id = uid()
    const err = await failure(
      completion(params(p, h.fake, { id, fail_first: 1, status: 429, headers: { 'retry-after': '0' } })),
    )
    assert.ok(err instanceof llm.RateLimitError)
    assert.equal(attemptsFor(id), 1)
  })

  test('runs out of retries: the last error is thrown', T, async () => {
    const p = provider('anthropic')
    const id = uid()
    const script = { id, fail_first: 5, status: 503, headers: { 'retry-after': '0' } }
    const err = await failure(completion(params(p, h.fake, script, { num_retries: 2 })))
    assert.ok(err instanceof llm.ServiceUnavailableError, `${err.name}: ${err.message}`)
    assert.equal(err.status_code, 503)
    assert.equal(attemptsFor(id), 3)
  })

  for (const status of [400, 401, 403, 404, 422]) {
    test(`non-retryable ${status} is not retried`, T, async () => {
      const p = provider('openai')
      const id = uid()
      const err = await failure(
        completion(
          params(p, h.fake, { id, fail_first: 1, status, headers: { 'retry-after': '0' } }, { num_retries: 3 }),
        ),
      )
      assert.equal(err.status_code, status)
      assert.equal(err.retryable, false)
      assert.equal(attemptsFor(id), 1)
    })
  }

  test('a final 429 carries the wait the provider asked for as retry_after (seconds)', T, async () => {
    const p = provider('openai')
    for (const [headers, expected] of [
      [{ 'retry-after': '7' }, 7],
      [{ 'retry-after-ms': '1500' }, 1.5],
      [{}, null],
    ]) {
      const err = await failure(completion(params(p, h.fake, { status: 429, headers }, { num_retries: 0 })))
      assert.ok(err instanceof llm.RateLimitError, `${err.name}: ${err.message}`)
      assert.equal(err.retry_after, expected, JSON.stringify(headers))
    }
  })

  test('retry-after-ms is honoured', T, async () => {
    const p = provider('openai')
    const id = uid()
    const script = { id, fail_first: 1, status: 429, headers: { 'retry-after-ms': '200' }, text: 'waited' }
    const t0 = performance.now()
    const r = await completion(params(p, h.fake, script, { num_retries: 1 }))
    const ms = since(t0)
    assert.equal(r.choices[0].message.content, 'waited')
    assert.ok(ms >= 190, `waited ${ms} ms, expected ≥ 200`)
  })

  test('without retry-after the engine backs off (exponential, jittered: 250–500 ms first)', T, async () => {
    const p = provider('openai')
    const id = uid()
    const t0 = performance.now()
    const r = await completion(params(p, h.fake, { id, fail_first: 1, status: 500, text: 'ok' }, { num_retries: 1 }))
    const ms = since(t0)
    assert.equal(r._timing.attempts, 2)
    assert.ok(ms >= 240, `first backoff took ${ms} ms`)
  })

  test('a retry-after beyond the deadline fails now instead of sleeping past timeout', T, async () => {
    const p = provider('openai')
    const id = uid()
    const err = await failure(
      completion(
        params(
          p,
          h.fake,
          { id, fail_first: 1, status: 429, headers: { 'retry-after': '30' } },
          { num_retries: 2, timeout: 2 },
        ),
      ),
    )
    // Had it slept 30 s, the 2 s deadline would have ended it as a Timeout.
    assert.ok(err instanceof llm.RateLimitError, `${err.name}: ${err.message}`)
    assert.equal(attemptsFor(id), 1)
  })

  test('connection errors are retried (refused port, num_retries 1 waits one backoff)', T, async () => {
    const port = await closedPort()
    const t0 = performance.now()
    const err = await failure(
      completion({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'x' }],
        api_key: 'test-key',
        api_base: `http://127.0.0.1:${port}/v1`,
        num_retries: 1,
      }),
    )
    const ms = since(t0)
    assert.ok(err instanceof llm.APIConnectionError)
    assert.ok(ms >= 240, `a backoff happened before the second attempt (${ms} ms)`)
  })

  test('a mid-stream error is not retried (output already handed out)', T, async () => {
    const p = provider('openai')
    h.fake.clearRequests()
    const s = await completion(
      params(p, h.fake, { text: 'a b c', mid_stream_error_after: 1 }, { stream: true, num_retries: 3 }),
    )
    const r = await collectUntilError(s)
    assert.ok(r.err)
    assert.equal(r.text, 'a')
    assert.equal(chatRequests(h.fake).length, 1)
  })
})

describe('timeouts', () => {
  for (const p of WIRES) {
    test(`${p.name}: total timeout on a stalled stream → Timeout after the chunks`, T, async () => {
      const t0 = performance.now()
      const s = await completion(
        params(p, h.fake, { text: 'one two three four', stall_after: 2 }, { stream: true, timeout: 0.3 }),
      )
      const r = await collectUntilError(s)
      const ms = since(t0)
      assert.ok(r.err instanceof llm.Timeout, `${r.err?.name}: ${r.err?.message}`)
      assert.equal(r.err.llm_provider, p.name)
      assert.match(r.err.message, /timeout/i)
      assert.equal(r.text, 'one two')
      assert.ok(ms >= 280, `timed out after ${ms} ms, expected ≈ 300`)
      assert.ok(s.timing, 'timing set after a timeout')
      assert.equal(s.timing.chunk_offsets_ms.length, 2)
    })
  }

  test('non-streaming: total timeout when no response comes', T, async () => {
    for (const p of [provider('openai'), provider('anthropic')]) {
      const t0 = performance.now()
      const err = await failure(completion(params(p, h.fake, { text: 'x', stall_after: 0 }, { timeout: 0.3 })))
      const ms = since(t0)
      assert.ok(err instanceof llm.Timeout, `${p.name}: ${err.name}: ${err.message}`)
      assert.ok(ms >= 280, `${p.name}: ${ms} ms`)
    }
  })

  test('total timeout covers slow headers too', T, async () => {
    const err = await failure(
      completion(params(provider('openai'), h.fake, { text: 'x', headers_delay_ms: 3000 }, { timeout: 0.3 })),
    )
    // A Timeout (not a reply after 3 s) proves the deadline ended the wait for headers.
    assert.ok(err instanceof llm.Timeout, `${err.name}: ${err.message}`)
  })

  test('first_byte_timeout with headers_delay_ms → Timeout naming first_byte_timeout', T, async () => {
    for (const p of WIRES) {
      const t0 = performance.now()
      const err = await failure(
        (async () => {
          const s = await completion(
            params(p, h.fake, { text: 'late', headers_delay_ms: 2000 }, { stream: true, first_byte_timeout: 0.2 }),
          )
          await collect(s)
        })(),
      )
      const ms = since(t0)
      assert.ok(err instanceof llm.Timeout, `${p.name}: ${err.name}: ${err.message}`)
      assert.match(err.message, /first_byte_timeout/)
      assert.ok(ms >= 180, `${p.name}: ${ms} ms`)
    }
  })

  test('first_byte_timeout does not limit a slow body once headers arrived', T, async () => {
    const p = provider('openai')
    const s = await completion(
      params(p, h.fake, { text: 'a b c d', chunk_delay_ms: 60 }, { stream: true, first_byte_timeout: 0.1, timeout: 3 }),
    )
    const r = await collect(s)
    assert.equal(r.text, 'a b c d')
    assert.ok(s.timing.end_ms > 200, 'the body took longer than first_byte_timeout')
  })

  test('a generous timeout does not fire', T, async () => {
    const r = await completion(
      params(provider('gemini'), h.fake, { text: 'fine', first_token_delay_ms: 50 }, { timeout: 2 }),
    )
    assert.equal(r.choices[0].message.content, 'fine')
  })
})
