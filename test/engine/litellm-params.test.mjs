// LiteLLM's parameter set on every wire (the README's per-provider table, cell by
// cell), provider-specific keyword arguments passed through, `extra_body`, and
// the typo check that keeps a misspelt known name from travelling to the provider.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { chatRequests, failure, fakePerFile, params, provider, T, WIRES } from './helpers.mjs'

const h = fakePerFile()

/** The body of the last chat request the fake received. */
const lastBody = () => chatRequests(h.fake).at(-1).body

const TOOLS = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }]

/**
 * The README's table. Per parameter: its value, and per wire either a function
 * that reads what reached the body (sent or translated) or 'refused'.
 * 'kept out' means accepted and not sent (LiteLLM keeps `metadata` for itself).
 */
const TABLE = [
  {
    name: 'n',
    value: 2,
    openai: (b) => b.n === 2,
    azure: (b) => b.n === 2,
    anthropic: 'refused',
    gemini: (b) => b.generationConfig.candidateCount === 2,
    ollama: 'refused',
  },
  {
    name: 'logprobs',
    value: true,
    openai: (b) => b.logprobs === true,
    azure: (b) => b.logprobs === true,
    anthropic: 'refused',
    gemini: (b) => b.generationConfig.responseLogprobs === true,
    ollama: 'refused',
  },
  {
    name: 'top_logprobs',
    value: 3,
    extra: { logprobs: true },
    refusedAs: /`(top_)?logprobs`/,
    openai: (b) => b.top_logprobs === 3,
    azure: (b) => b.top_logprobs === 3,
    anthropic: 'refused',
    gemini: (b) => b.generationConfig.logprobs === 3,
    ollama: 'refused',
  },
  {
    name: 'logit_bias',
    value: { 50256: -100 },
    openai: (b) => b.logit_bias['50256'] === -100,
    azure: (b) => b.logit_bias['50256'] === -100,
    anthropic: 'refused',
    gemini: 'refused',
    ollama: 'refused',
  },
  {
    name: 'parallel_tool_calls',
    value: false,
    extra: { tools: TOOLS },
    openai: (b) => b.parallel_tool_calls === false,
    azure: (b) => b.parallel_tool_calls === false,
    anthropic: (b) => b.tool_choice.disable_parallel_tool_use === true,
    gemini: 'refused',
    ollama: 'refused',
  },
  {
    name: 'metadata',
    value: { user_id: 'u-1', run: 'r' },
    extra: { store: true },
    openai: (b) => b.metadata.run === 'r' && b.store === true,
    azure: (b) => b.metadata.run === 'r',
    anthropic: (b) => b.metadata.user_id === 'u-1' && b.metadata.run === undefined,
    gemini: (b) => b.metadata === undefined,
    ollama: (b) => b.metadata === undefined,
  },
  {
    name: 'service_tier',
    value: 'auto',
    openai: (b) => b.service_tier === 'auto',
    azure: (b) => b.service_tier === 'auto',
    anthropic: (b) => b.service_tier === 'auto',
    gemini: 'refused',
    ollama: 'refused',
  },
  {
    name: 'prediction',
    value: { type: 'content', content: 'draft' },
    openai: (b) => b.prediction.content === 'draft',
    azure: (b) => b.prediction.content === 'draft',
    anthropic: 'refused',
    gemini: 'refused',
    ollama: 'refused',
  },
  {
    name: 'modalities',
    value: ['text', 'audio'],
    extra: { audio: { voice: 'alloy', format: 'wav' } },
    refusedAs: /`(modalities|audio)`/,
    openai: (b) => b.modalities[1] === 'audio' && b.audio.voice === 'alloy',
    azure: (b) => b.modalities[1] === 'audio',
    anthropic: 'refused',
    gemini: 'refused',
    ollama: 'refused',
  },
  {
    name: 'web_search_options',
    value: { search_context_size: 'low' },
    openai: (b) => b.web_search_options.search_context_size === 'low',
    azure: (b) => b.web_search_options.search_context_size === 'low',
    anthropic: (b) => b.tools.some((t) => t.type === 'web_search_20250305' && t.max_uses === 1),
    gemini: (b) => b.tools.some((t) => t.googleSearch),
    ollama: 'refused',
  },
  {
    name: 'thinking',
    value: { type: 'enabled', budget_tokens: 2048 },
    openai: 'refused',
    azure: 'refused',
    anthropic: (b) => b.thinking.budget_tokens === 2048,
    gemini: (b) => b.generationConfig.thinkingConfig.thinkingBudget === 2048,
    ollama: (b) => b.think === true,
  },
]

describe('the per-provider parameter table', () => {
  for (const row of TABLE) {
    for (const p of WIRES) {
      const cell = row[p.wire]
      test(`${row.name} on ${p.name}: ${typeof cell === 'function' ? 'sent' : cell}`, T, async () => {
        const call = (over) => params(p, h.fake, { text: 'ok' }, { [row.name]: row.value, ...row.extra, ...over })
        if (cell === 'refused') {
          const before = chatRequests(h.fake).length
          const err = await failure(completion(call({})))
          assert.equal(err.name, 'BadRequestError')
          assert.match(err.message, row.refusedAs ?? new RegExp(`\`${row.name}\``))
          assert.match(err.message, /drop_params/)
          assert.equal(chatRequests(h.fake).length, before, 'refused before any request')
          await completion(call({ drop_params: true }))
          assert.equal(lastBody()[row.name], undefined, 'dropped with drop_params')
        } else {
          await completion(call({}))
          assert.ok(cell(lastBody()), JSON.stringify(lastBody()))
        }
      })
    }
  }
})

describe('provider-specific parameters pass through as LiteLLM passes them', () => {
  const KWARGS = { min_p: 0.05, repetition_penalty: 1.1, cache_prompt: true, chat_template_kwargs: { x: false } }
  for (const p of WIRES) {
    test(
      `${p.name}: unknown names reach the body ${p.wire === 'ollama' ? 'in options' : 'at the top level'}`,
      T,
      async () => {
        await completion(params(p, h.fake, { text: 'ok' }, { ...KWARGS, keep_alive: '5m', dropped: null }))
        const b = lastBody()
        const where = p.wire === 'ollama' ? b.options : b
        for (const [k, v] of Object.entries(KWARGS)) assert.deepEqual(where[k], v, k)
        assert.equal(b.keep_alive, '5m', 'Ollama reads keep_alive at the top level')
        assert.equal('dropped' in b, false, 'null arguments are left out')
      },
    )
  }

  test('a misspelt known name fails before any request, naming what was meant', T, async () => {
    const p = provider('openai')
    const before = chatRequests(h.fake).length
    for (const [typo, meant] of [
      ['temprature', 'temperature'],
      ['max_token', 'max_tokens'],
      ['stream_option', 'stream_options'],
    ]) {
      const err = await failure(completion(params(p, h.fake, null, { [typo]: 1 })))
      assert.equal(err.name, 'BadRequestError')
      assert.match(err.message, new RegExp(`did you mean \`${meant}\``))
      assert.match(err.message, /extra_body/)
    }
    assert.equal(chatRequests(h.fake).length, before)
    // OpenRouter's top_a is one letter from top_p, and a real parameter.
    await completion(params(p, h.fake, null, { top_a: 0.3 }))
    assert.equal(lastBody().top_a, 0.3)
  })

  test('extra_body is merged last, objects key by key', T, async () => {
    await completion(
      params(provider('openai'), h.fake, null, {
        temperature: 0.5,
        extra_body: { temperature: 0.9, guided_json: { a: 1 } },
      }),
    )
    assert.deepEqual([lastBody().temperature, lastBody().guided_json], [0.9, { a: 1 }])
    await completion(
      params(provider('gemini'), h.fake, null, {
        temperature: 0.5,
        extra_body: { generationConfig: { candidateCount: 1 } },
      }),
    )
    assert.deepEqual(lastBody().generationConfig, { temperature: 0.5, candidateCount: 1 })
    // A typo-looking name is sent when the caller puts it in extra_body.
    await completion(params(provider('openai'), h.fake, null, { extra_body: { temprature: 1 } }))
    assert.equal(lastBody().temprature, 1)
  })

  test('metadata without store: true stays out of OpenAI requests (OpenAI refuses it)', T, async () => {
    await completion(params(provider('openai'), h.fake, null, { metadata: { run: 'r' } }))
    assert.equal(lastBody().metadata, undefined)
    await completion(params(provider('openai'), h.fake, null, { metadata: { run: 'r' }, extra_body: { store: true } }))
    assert.deepEqual(lastBody().metadata, { run: 'r' })
  })

  test('base_url is LiteLLM’s alias of api_base', T, async () => {
    const p = provider('openai')
    const { api_base, ...rest } = params(p, h.fake, { text: 'via base_url' })
    const r = await completion({ ...rest, base_url: api_base })
    assert.equal(r.choices[0].message.content, 'via base_url')
  })
})
