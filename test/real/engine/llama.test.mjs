// The engine against llama.cpp's own server with a real model (SmolLM2-135M): every
// wire llama.cpp speaks (OpenAI chat completions as openai / lm_studio / hosted_vllm,
// and Anthropic messages), streaming and not — text, finish reasons, usage — plus
// list_models and llama.cpp's own context-size refusal.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import { assertUsage, collect, failure, MODEL, PROMPT, serversPerFile, T } from './helpers.mjs'

const { completion, list_models } = llm
const h = serversPerFile(['llama'])

/** Each way to address llama.cpp: provider name, base from its URL, and a key when the provider wants one. */
const ROUTES = [
  { provider: 'openai', base: (u) => `${u}/v1`, key: 'unused' },
  { provider: 'lm_studio', base: (u) => `${u}/v1` },
  { provider: 'hosted_vllm', base: (u) => `${u}/v1` },
  { provider: 'anthropic', base: (u) => u, key: 'unused' },
]

const call = (route, over) => ({
  model: `${route.provider}/${MODEL}`,
  api_base: route.base(h.s.llama.url),
  ...(route.key ? { api_key: route.key } : {}),
  messages: PROMPT,
  temperature: 0,
  max_tokens: 64,
  ...over,
})

describe('llama.cpp: text, finish reasons and usage on every wire', () => {
  for (const route of ROUTES) {
    test(`${route.provider}: streamed and whole answers are the same real tokens`, T, async () => {
      const whole = await completion(call(route))
      const s = await completion(call(route, { stream: true }))
      const streamed = await collect(s)
      const text = whole.choices[0].message.content
      assert.ok(text && text.trim().length > 0, `a real answer: ${JSON.stringify(text)}`)
      // temperature 0 on one model: llama.cpp is deterministic, so both calls agree token for token.
      assert.equal(streamed.text, text)
      assert.equal(whole.choices[0].finish_reason, 'stop')
      assert.equal(streamed.finish, 'stop')
      assertUsage(whole.usage, 'whole')
      assertUsage(streamed.usage, 'streamed')
      assert.deepEqual(streamed.usage, whole.usage)
      assert.ok(streamed.tokenChunks > 1, `streamed in ${streamed.tokenChunks} chunks`)
      // The token count in the latency record is the server's, not an estimate.
      assert.equal(s.timing.output_tokens, streamed.usage.completion_tokens)
      assert.equal(s.timing.output_tokens_source, 'provider')
      assert.equal(whole._provider, route.provider)
    })

    test(`${route.provider}: max_tokens reached → finish_reason length, exactly that many tokens`, T, async () => {
      const whole = await completion(call(route, { max_tokens: 5 }))
      assert.equal(whole.choices[0].finish_reason, 'length')
      assert.equal(whole.usage.completion_tokens, 5)
      const streamed = await collect(await completion(call(route, { max_tokens: 5, stream: true })))
      assert.equal(streamed.finish, 'length')
      assert.equal(streamed.usage.completion_tokens, 5)
      assert.equal(streamed.text, whole.choices[0].message.content)
    })
  }
})

describe('llama.cpp: list_models and errors', () => {
  for (const provider of ['openai', 'lm_studio', 'hosted_vllm']) {
    test(`list_models(${provider}) lists the served model`, T, async () => {
      const models = await list_models({ provider, api_base: `${h.s.llama.url}/v1`, api_key: 'unused' })
      assert.ok(
        models.some((m) => m.id === MODEL),
        `${MODEL} in ${JSON.stringify(models)}`,
      )
    })
  }

  test(
    'a prompt beyond the context size: llama.cpp says 400 and the engine says ContextWindowExceededError with its words',
    T,
    async () => {
      const long = [{ role: 'user', content: 'word '.repeat(5000) }]
      for (const stream of [false, true]) {
        // A streamed call fails when it starts (the error is an HTTP status) or while it is read.
        const err = await failure(
          completion(call(ROUTES[0], { messages: long, stream })).then((r) => stream && collect(r)),
        )
        assert.ok(
          err instanceof llm.ContextWindowExceededError,
          `ContextWindowExceededError, got ${err.name}: ${err.message}`,
        )
        assert.equal(err.status_code, 400)
        assert.equal(err.retryable, false)
        assert.match(err.message, /exceeds the available context size/)
      }
    },
  )

  test('an unknown route on llama.cpp is NotFoundError', T, async () => {
    // The Gemini wire's path does not exist on llama.cpp.
    const err = await failure(
      completion({ model: `gemini/${MODEL}`, api_base: h.s.llama.url, api_key: 'unused', messages: PROMPT }),
    )
    assert.ok(err instanceof llm.NotFoundError, `NotFoundError, got ${err.name}: ${err.message}`)
    assert.equal(err.status_code, 404)
  })
})
