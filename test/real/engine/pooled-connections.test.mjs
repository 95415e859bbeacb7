// Many calls on pooled connections to real servers, with zero spurious failures:
// sequential and interleaved on llama.cpp, Ollama and LiteLLM's proxy, and on
// llama.cpp right after a streamed answer, which llama.cpp follows by closing the
// connection it had just advertised as keep-alive — the engine retries a request that
// went out on it once, on a new connection (`timing.attempts` 2), instead of failing.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { collect, interleaved, MODEL, serversPerFile, T } from './helpers.mjs'

const h = serversPerFile(['llama', 'litellm', 'ollama'])

/** Where each short call goes: llama.cpp unless another target is named. */
const TARGETS = {
  llama: () => ({ model: `openai/${MODEL}`, api_base: `${h.s.llama.url}/v1`, api_key: 'unused' }),
  ollama: () => ({ model: `ollama/${MODEL}`, api_base: h.s.ollama.url }),
  'litellm (openai)': () => ({ model: 'openai/mock-gpt', api_base: `${h.s.litellm.url}/v1`, api_key: h.s.litellm.key }),
  'litellm (gemini)': () => ({ model: 'gemini/mock-gpt', api_base: h.s.litellm.url, api_key: h.s.litellm.key }),
}

/** One short call (4 tokens), streamed when `i` is odd; resolves to its latency record. */
async function shortCall(i, target = 'llama') {
  const params = {
    ...TARGETS[target](),
    messages: [{ role: 'user', content: `Count to ${(i % 5) + 2}.` }],
    temperature: 0,
    max_tokens: 4,
  }
  if (i % 2 === 0) {
    const r = await completion(params)
    assert.ok(r.choices[0].message.content.length > 0)
    return r._timing
  }
  const s = await completion({ ...params, stream: true })
  const { text } = await collect(s)
  assert.ok(text.length > 0)
  return s.timing
}

/** Fails with every rejection's message when any call failed. */
function assertAllOk(outcomes) {
  const failed = outcomes.filter((o) => o.status === 'rejected')
  assert.deepEqual(
    failed.map((o) => `${o.reason?.name}: ${o.reason?.message}`),
    [],
    `${failed.length} of ${outcomes.length} calls failed`,
  )
  return outcomes.map((o) => o.value)
}

describe('pooled connections to llama.cpp', () => {
  test('40 sequential calls: all succeed, on reused connections', T, async () => {
    const timings = assertAllOk(await interleaved([...Array(40).keys()], 1, (i) => shortCall(i * 2)))
    const reused = timings.filter((t) => t.reused_connection).length
    // The first call may open a connection; the pool serves the rest (llama.cpp keeps a
    // connection for 100 requests).
    assert.ok(reused >= 39, `${reused} of 40 calls reused a pooled connection`)
  })

  test('a call right after a streamed answer, 20 times: all succeed (the stale-connection retry)', T, async () => {
    // llama.cpp answers a stream with `Keep-Alive: timeout=5, max=100` and then closes
    // the connection. A request sent before the close is seen goes out on a dead
    // connection: curl says "Connection died, retrying a fresh connect"; the engine
    // retries it once on a new connection (attempts 2): measured here, 5 to 13 of 20
    // such calls took the retry, each of which would otherwise have failed.
    const seen = { fresh: 0, retried: 0 }
    for (let i = 0; i < 20; i++) {
      await shortCall(1)
      const t = await shortCall(0)
      assert.equal(t.reused_connection, false, 'the streamed answer left no reusable connection')
      assert.ok(t.attempts <= 2, `at most one retry, got ${t.attempts} attempts`)
      seen[t.attempts === 2 ? 'retried' : 'fresh']++
    }
    console.log(`# after a stream: ${JSON.stringify(seen)}`)
  })

  test('interleaved: 8 rounds of 4 concurrent calls, streamed and not, all succeed', T, async () => {
    const timings = assertAllOk(await interleaved([...Array(32).keys()], 4, (i) => shortCall(i)))
    assert.equal(timings.length, 32)
    assert.ok(
      timings.some((t) => t.reused_connection),
      'later rounds reuse the connections earlier rounds opened',
    )
  })
})

describe('pooled connections to Ollama and LiteLLM', () => {
  for (const target of ['ollama', 'litellm (openai)', 'litellm (gemini)']) {
    test(`${target}: 20 sequential calls, streamed and not, all on reused connections`, T, async () => {
      const timings = assertAllOk(await interleaved([...Array(20).keys()], 1, (i) => shortCall(i, target)))
      const reused = timings.filter((t) => t.reused_connection).length
      // The first call to a host opens a connection; the server may close one now and
      // then (uvicorn did, once in 20 here), which the pool notices and replaces.
      assert.ok(reused >= 15, `${reused} of 20 calls reused a pooled connection`)
    })

    test(`${target}: 5 rounds of 4 concurrent calls, all succeed`, T, async () => {
      const timings = assertAllOk(await interleaved([...Array(20).keys()], 4, (i) => shortCall(i, target)))
      assert.ok(timings.some((t) => t.reused_connection))
    })
  }
})
