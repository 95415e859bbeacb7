// completion_cost / cost_per_token from the one shipped price table (cache tiers
// pinned), and token_counter with OpenAI's real tokenizers offline.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion, completion_cost, cost_per_token, count_tokens, price_table, token_counter } from '@edgequake/llm'
import { failure, fakePerFile, params, provider, T } from './helpers.mjs'

const h = fakePerFile()

const close = (a, b) => Math.abs(a - b) < 1e-12

describe('price_table()', () => {
  test('every entry has prices, a date and a source', () => {
    const table = price_table()
    assert.ok(table.length >= 20)
    for (const p of table) {
      assert.equal(typeof p.input, 'number')
      assert.equal(typeof p.output, 'number')
      assert.match(p.date, /^\d{4}-\d{2}/)
      assert.match(p.source, /^https:\/\//)
    }
    table[0].input = -1
    assert.notEqual(price_table()[0].input, -1, 'callers get copies')
  })
})

describe('cost_per_token()', () => {
  test('Anthropic: input, cache write, cache read, output', () => {
    // Sonnet 4 (USD / M): input 3, cache write 3.75, cache read 0.30, output 15.
    const [prompt, out] = cost_per_token({
      model: 'anthropic/claude-sonnet-4-0',
      prompt_tokens: 62_000,
      completion_tokens: 1_000,
      cache_read_input_tokens: 50_000,
      cache_creation_input_tokens: 2_000,
    })
    assert.ok(close(prompt, 10_000 * 3e-6 + 2_000 * 3.75e-6 + 50_000 * 0.3e-6), String(prompt))
    assert.ok(close(out, 1_000 * 15e-6), String(out))
  })

  test('OpenAI: cached reads at the cached price; a dated name finds its entry', () => {
    const [prompt, out] = cost_per_token({
      model: 'openai/gpt-4o-mini-2024-07-18',
      prompt_tokens: 1_000_000,
      completion_tokens: 200_000,
      cache_read_input_tokens: 600_000,
      reasoning_tokens: 50_000,
    })
    assert.ok(close(prompt, 0.4 * 0.15 + 0.6 * 0.075), String(prompt))
    assert.ok(close(out, 0.2 * 0.6), String(out))
  })

  test('an unpriced model and impossible counts fail by name', () => {
    assert.throws(() => cost_per_token({ model: 'openai/nope', prompt_tokens: 1, completion_tokens: 1 }), /price_table/)
    assert.throws(
      () =>
        cost_per_token({ model: 'openai/gpt-4o', prompt_tokens: 1, completion_tokens: 1, cache_read_input_tokens: 5 }),
      /exceed prompt_tokens/,
    )
  })
})

describe('completion_cost()', () => {
  test('prices a response from its usage, cache tiers included', T, async () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 100, cached_tokens: 400, cache_creation_tokens: 200 }
    const r = await completion(params(provider('anthropic'), h.fake, { text: 'ok', usage }))
    // Anthropic's prompt_tokens = input 1000 + read 400 + written 200.
    const expected = 1000 * 3e-6 + 400 * 0.3e-6 + 200 * 3.75e-6 + 100 * 15e-6
    assert.ok(close(completion_cost(r), expected), String(completion_cost(r)))
    assert.ok(close(completion_cost({ completion_response: r }), expected))
  })

  test('a response without a priced model says what to pass', async () => {
    const err = await failure(
      (async () =>
        completion_cost({ model: 'llama-3.1-8b-instant', usage: { prompt_tokens: 1, completion_tokens: 1 } }))(),
    )
    assert.equal(err.name, 'BadRequestError')
    const priced = completion_cost(
      { model: 'llama-3.1-8b-instant', usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } },
      { model: 'groq/llama-3.1-8b-instant' },
    )
    assert.ok(close(priced, 0.05))
  })
})

describe('token_counter()', () => {
  test('OpenAI models use o200k/cl100k offline, with chat framing', () => {
    assert.deepEqual(count_tokens({ model: 'openai/gpt-4o-mini', text: 'hello world' }), {
      tokens: 2,
      tokenizer: 'o200k_base',
      estimated: false,
    })
    assert.equal(count_tokens({ model: 'gpt-4', text: 'hello world' }).tokenizer, 'cl100k_base')
    const messages = [
      { role: 'system', content: 'hello world' },
      { role: 'user', content: 'hello world' },
    ]
    assert.equal(token_counter({ model: 'gpt-4o', messages }), 3 + 2 * (3 + 1 + 2))
  })

  test('other models get a labelled estimate', () => {
    assert.deepEqual(count_tokens({ model: 'anthropic/claude-sonnet-4-0', text: 'hello world' }), {
      tokens: 3,
      tokenizer: 'estimate',
      estimated: true,
    })
    assert.throws(() => token_counter({ model: 'gpt-4o' }), /exactly one of `messages` and `text`/)
  })
})
