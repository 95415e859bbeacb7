// The engine against LiteLLM's proxy: LiteLLM's own SSE on the OpenAI route and on
// Gemini's streamGenerateContent, its Anthropic /v1/messages (whole from a mock model,
// streamed when it forwards to llama.cpp), its real 429 / 400-context-window / 500
// answers mapped to the engine's classes, list_models, and a wrong key that never
// shows up in the error.

import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import { assertUsage, collect, failure, MOCK_TEXT, MODEL, PROMPT, serversPerFile, T } from './helpers.mjs'

const { completion, list_models } = llm
/** The module object (CJS exports), indexed by class name. */
const llmModule = createRequire(import.meta.url)('@edgequake/llm')
const h = serversPerFile(['litellm'])

/** How each wire reaches the proxy: OpenAI's base ends in /v1, Anthropic's and Gemini's are the root. */
const base = (wire) => (wire === 'openai' ? `${h.s.litellm.url}/v1` : h.s.litellm.url)
const call = (wire, model, over = {}) => ({
  model: `${wire}/${model}`,
  api_base: base(wire),
  api_key: h.s.litellm.key,
  messages: PROMPT,
  max_tokens: 64,
  ...over,
})

describe("LiteLLM's proxy: mock_response on each of its routes", () => {
  for (const wire of ['openai', 'gemini']) {
    test(`${wire}: LiteLLM's streamed mock arrives whole, in many chunks, with usage`, T, async () => {
      const s = await completion(call(wire, 'mock-gpt', { stream: true }))
      const r = await collect(s)
      assert.equal(r.text, MOCK_TEXT)
      assert.equal(r.finish, 'stop')
      assert.ok(r.tokenChunks > 5, `streamed in ${r.tokenChunks} chunks`)
      assertUsage(r.usage, wire)
      assert.equal(s.timing.output_tokens, r.usage.completion_tokens)
    })

    test(`${wire}: whole answer`, T, async () => {
      const r = await completion(call(wire, 'mock-gpt'))
      assert.equal(r.choices[0].message.content, MOCK_TEXT)
      assert.equal(r.choices[0].finish_reason, 'stop')
      assertUsage(r.usage, wire)
    })
  }

  test('anthropic: /v1/messages answers a mock model whole', T, async () => {
    const r = await completion(call('anthropic', 'mock-gpt'))
    assert.equal(r.choices[0].message.content, MOCK_TEXT)
    assert.equal(r.choices[0].finish_reason, 'stop')
    assertUsage(r.usage, 'anthropic')
  })
})

describe("LiteLLM's proxy forwarding to llama.cpp: real tokens through a second server", () => {
  for (const wire of ['openai', 'anthropic', 'gemini']) {
    test(`${wire}: streamed through LiteLLM = whole through LiteLLM`, T, async () => {
      const over = { temperature: 0 }
      const whole = await completion(call(wire, MODEL, over))
      const streamed = await collect(await completion(call(wire, MODEL, { ...over, stream: true })))
      const text = whole.choices[0].message.content
      assert.ok(text && text.trim().length > 0, `a real answer: ${JSON.stringify(text)}`)
      assert.equal(streamed.text, text)
      assert.equal(streamed.finish, 'stop')
      assertUsage(streamed.usage, wire)
      assert.ok(streamed.tokenChunks > 1)
    })
  }
})

describe("LiteLLM's errors → the engine's classes", () => {
  const CASES = [
    ['rate-limited', 'RateLimitError', 429, true],
    ['context-window', 'ContextWindowExceededError', 400, false],
    ['server-error', 'InternalServerError', 500, true],
  ]
  // LiteLLM's Gemini route answers these mock error models with the model's text
  // instead of raising, so the errors are checked on the OpenAI and Anthropic routes.
  for (const wire of ['openai', 'anthropic']) {
    for (const [model, cls, status, retryable] of CASES) {
      for (const stream of [false, true]) {
        test(`${wire}${stream ? ' streamed' : ''}: ${model} → ${cls} (${status})`, T, async () => {
          const err = await failure(completion(call(wire, model, { stream })).then((s) => stream && collect(s)))
          assert.ok(err instanceof llmModule[cls], `expected ${cls}, got ${err.name}: ${err.message}`)
          assert.equal(err.name, cls)
          assert.equal(err.status_code, status)
          assert.equal(err.retryable, retryable)
          assert.equal(err.llm_provider, wire)
          assert.equal(err.model, model)
          assert.match(err.message, /this is a mock/, "LiteLLM's own message is kept")
        })
      }
    }
  }

  test('a wrong key is refused and the key is not in the error', T, async () => {
    const wrong = 'sk-wrong-0123456789abcdef'
    const err = await failure(completion(call('openai', 'mock-gpt', { api_key: wrong })))
    assert.ok(err instanceof llm.EdgeQuakeLLMError, `${err.name}: ${err.message}`)
    assert.ok(err.status_code >= 400 && err.status_code < 500, `status ${err.status_code}`)
    assert.ok(!err.message.includes(wrong), `no key in: ${err.message}`)
    assert.ok(!JSON.stringify(err).includes(wrong))
  })
})

describe("LiteLLM's proxy: list_models", () => {
  test('list_models(openai) at the proxy lists every configured model', T, async () => {
    const ids = (await list_models({ provider: 'openai', api_base: base('openai'), api_key: h.s.litellm.key })).map(
      (m) => m.id,
    )
    for (const id of ['mock-gpt', 'rate-limited', 'context-window', 'server-error', MODEL]) {
      assert.ok(ids.includes(id), `${id} in ${JSON.stringify(ids)}`)
    }
  })
})
