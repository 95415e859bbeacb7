// timing.server: what the server said about its own timing, by source, in ms —
// llama.cpp's `timings`, Groq's times, Ollama's durations, duration headers.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { collect, fakePerFile, params, provider, T } from './helpers.mjs'

const h = fakePerFile()

const LLAMA = {
  cache_n: 12,
  prompt_n: 4,
  prompt_ms: 8.5,
  prompt_per_token_ms: 2.1,
  prompt_per_second: 470.6,
  predicted_n: 3,
  predicted_ms: 30,
  predicted_per_token_ms: 10,
  predicted_per_second: 100,
}
const LLAMA_MS = {
  cache_n: 12,
  prompt_n: 4,
  prompt_ms: 8.5,
  prompt_per_second: 470.6,
  predicted_n: 3,
  predicted_ms: 30,
  predicted_per_second: 100,
}

/** The timing record of a whole reply, or of a stream once drained. */
async function timingOf(r, stream) {
  if (!stream) return r._timing
  await collect(r)
  return r.timing
}

describe('timing.server', () => {
  for (const stream of [true, false]) {
    const how = stream ? 'stream' : 'whole'
    test(`llama.cpp timings (${how})`, T, async () => {
      const p = provider('hosted_vllm')
      const r = await completion(params(p, h.fake, { text: 'a b c', timings: LLAMA }, { stream }))
      const timing = await timingOf(r, stream)
      assert.deepEqual(timing.server, { llama_cpp: LLAMA_MS })
    })

    test(`groq queue/prompt/completion times in ms (${how})`, T, async () => {
      const p = provider('groq')
      const r = await completion(params(p, h.fake, { text: 'a b', usage_field: 'x_groq' }, { stream }))
      const timing = await timingOf(r, stream)
      assert.deepEqual(timing.server.groq, { queue_ms: 10, prompt_ms: 1, completion_ms: 2, total_ms: 3 })
    })

    test(`ollama durations in ms (${how})`, T, async () => {
      const r = await completion(params(provider('ollama'), h.fake, { text: 'a b c', chunk_delay_ms: 5 }, { stream }))
      const timing = await timingOf(r, stream)
      const o = timing.server.ollama
      assert.equal(o.eval_count, timing.ollama.eval_count)
      assert.equal(o.eval_ms, timing.ollama.eval_duration / 1e6)
      assert.equal(o.total_ms, timing.ollama.total_duration / 1e6)
    })

    test(`duration headers (${how})`, T, async () => {
      const headers = { 'openai-processing-ms': '42', 'server-timing': 'upstream;dur=17.5', 'x-other': '9' }
      const r = await completion(params(provider('openai'), h.fake, { text: 'a', headers }, { stream }))
      const timing = await timingOf(r, stream)
      assert.deepEqual(timing.server.headers, { 'openai-processing-ms': 42, 'server-timing:upstream': 17.5 })
    })
  }

  test('absent when the server reports nothing', T, async () => {
    const r = await completion(params(provider('openai'), h.fake, { text: 'a' }))
    assert.equal(r._timing.server, undefined)
  })

  test('values that cannot be durations are dropped, not reported', T, async () => {
    const headers = { 'openai-processing-ms': '-3' }
    const r = await completion(
      params(provider('openai'), h.fake, {
        text: 'a',
        headers,
        timings: { prompt_ms: -1, predicted_ms: 1e12, cache_n: 2 },
      }),
    )
    assert.deepEqual(r._timing.server, { llama_cpp: { cache_n: 2 } })
  })
})
