// The engine against Ollama (built from its Go module) serving the same SmolLM2 GGUF:
// its native /api/chat NDJSON, its OpenAI-compatible /v1 and Anthropic-compatible
// /v1/messages routes, streaming and not; Ollama's own durations carried in the
// latency record; list_models from /api/tags; an unknown model as NotFoundError.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import { assertUsage, collect, failure, MODEL, OLLAMA_MODEL, PROMPT, serversPerFile, T } from './helpers.mjs'

const { completion, list_models } = llm
const h = serversPerFile(['ollama'])

const ROUTES = [
  { provider: 'ollama', base: (u) => u },
  { provider: 'openai', base: (u) => `${u}/v1`, key: 'ollama' },
  { provider: 'anthropic', base: (u) => u, key: 'ollama' },
]
const call = (route, over = {}) => ({
  model: `${route.provider}/${MODEL}`,
  api_base: route.base(h.s.ollama.url),
  ...(route.key ? { api_key: route.key } : {}),
  messages: PROMPT,
  temperature: 0,
  max_tokens: 48,
  ...over,
})

describe('Ollama: text, finish reasons and usage on every route', () => {
  for (const route of ROUTES) {
    test(`${route.provider}: streamed and whole answers are the same real tokens`, T, async () => {
      const whole = await completion(call(route))
      const s = await completion(call(route, { stream: true }))
      const streamed = await collect(s)
      const text = whole.choices[0].message.content
      assert.ok(text && text.trim().length > 0, `a real answer: ${JSON.stringify(text)}`)
      assert.equal(streamed.text, text)
      assert.ok(['stop', 'length'].includes(whole.choices[0].finish_reason))
      assert.equal(streamed.finish, whole.choices[0].finish_reason)
      assertUsage(whole.usage, 'whole')
      assertUsage(streamed.usage, 'streamed')
      assert.equal(streamed.usage.completion_tokens, whole.usage.completion_tokens)
      assert.ok(streamed.tokenChunks > 1)
      assert.equal(s.timing.output_tokens, streamed.usage.completion_tokens)
      assert.equal(s.timing.output_tokens_source, 'provider')
    })

    test(`${route.provider}: max_tokens reached → finish_reason length`, T, async () => {
      const whole = await completion(call(route, { max_tokens: 4 }))
      assert.equal(whole.choices[0].finish_reason, 'length')
      assert.equal(whole.usage.completion_tokens, 4)
      const streamed = await collect(await completion(call(route, { max_tokens: 4, stream: true })))
      assert.equal(streamed.finish, 'length')
      assert.equal(streamed.usage.completion_tokens, 4)
    })
  }

  test("native: the latency record carries Ollama's own durations", T, async () => {
    const s = await completion(call(ROUTES[0], { stream: true }))
    const r = await collect(s)
    const o = s.timing.ollama
    assert.ok(o, 'timing.ollama is set on the native wire')
    assert.equal(o.eval_count, r.usage.completion_tokens)
    assert.equal(o.prompt_eval_count, r.usage.prompt_tokens)
    for (const k of ['total_duration', 'prompt_eval_duration', 'eval_duration']) assert.ok(o[k] > 0, `${k} ${o[k]}`)
    assert.ok(o.total_duration >= o.eval_duration + o.prompt_eval_duration)
  })
})

describe('Ollama: models and errors', () => {
  test('list_models(ollama) reads /api/tags', T, async () => {
    const ids = (await list_models({ provider: 'ollama', api_base: h.s.ollama.url })).map((m) => m.id)
    assert.ok(ids.includes(OLLAMA_MODEL), `${OLLAMA_MODEL} in ${JSON.stringify(ids)}`)
  })

  test('list_models(openai) at Ollama /v1 lists the model too', T, async () => {
    const ids = (await list_models({ provider: 'openai', api_base: `${h.s.ollama.url}/v1`, api_key: 'ollama' })).map(
      (m) => m.id,
    )
    assert.ok(ids.includes(OLLAMA_MODEL), `${OLLAMA_MODEL} in ${JSON.stringify(ids)}`)
  })

  for (const route of ROUTES) {
    for (const stream of [false, true]) {
      test(`${route.provider}${stream ? ' streamed' : ''}: an unknown model → NotFoundError (404)`, T, async () => {
        const err = await failure(
          completion(call(route, { model: `${route.provider}/no-such-model`, stream })).then(
            (s) => stream && collect(s),
          ),
        )
        assert.ok(err instanceof llm.NotFoundError, `NotFoundError, got ${err.name}: ${err.message}`)
        assert.equal(err.status_code, 404)
        assert.equal(err.retryable, false)
        assert.match(err.message, /no-such-model/)
      })
    }
  }
})
