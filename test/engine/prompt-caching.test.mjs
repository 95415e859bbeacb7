// Prompt caching: `cache_control` reaches Anthropic (and is refused or dropped
// elsewhere); usage carries LiteLLM's cache fields on every wire, streamed and
// whole; an aborted stream keeps the usage the provider had sent.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { chatRequests, collect, failure, fakePerFile, params, provider, T, WIRES } from './helpers.mjs'

const h = fakePerFile()

const EPHEMERAL = { type: 'ephemeral' }
const CACHED_MESSAGES = [
  { role: 'system', content: [{ type: 'text', text: 'Long rules.', cache_control: EPHEMERAL }] },
  { role: 'user', content: 'A long document.', cache_control: EPHEMERAL },
  { role: 'assistant', content: 'Read it.' },
  { role: 'user', content: [{ type: 'text', text: 'Question?', cache_control: EPHEMERAL }] },
]

describe('cache_control', () => {
  test('anthropic: on system blocks, whole messages and content parts', T, async () => {
    await completion(params(provider('anthropic'), h.fake, { text: 'ok' }, { messages: CACHED_MESSAGES }))
    const b = chatRequests(h.fake).at(-1).body
    assert.deepEqual(b.system, [{ type: 'text', text: 'Long rules.', cache_control: EPHEMERAL }])
    assert.deepEqual(b.messages[0].content, [{ type: 'text', text: 'A long document.', cache_control: EPHEMERAL }])
    assert.equal(b.messages[1].content, 'Read it.')
    assert.deepEqual(b.messages[2].content, [{ type: 'text', text: 'Question?', cache_control: EPHEMERAL }])
  })

  for (const p of WIRES.filter((w) => w.wire !== 'anthropic')) {
    test(`${p.name}: refused without drop_params, dropped with it`, T, async () => {
      const err = await failure(completion(params(p, h.fake, { text: 'ok' }, { messages: CACHED_MESSAGES })))
      assert.equal(err.name, 'BadRequestError')
      assert.match(err.message, /`cache_control`/)
      const r = await completion(params(p, h.fake, { text: 'ok' }, { messages: CACHED_MESSAGES, drop_params: true }))
      assert.equal(r.choices[0].message.content, 'ok')
      assert.ok(!JSON.stringify(chatRequests(h.fake).at(-1).body).includes('cache_control'))
    })
  }
})

describe('usage has LiteLLM’s cache fields', () => {
  const USAGE = { prompt_tokens: 10, completion_tokens: 4, cached_tokens: 6, cache_creation_tokens: 20 }
  for (const stream of [true, false]) {
    test(`anthropic cache read and write (${stream ? 'stream' : 'whole'})`, T, async () => {
      const r = await completion(params(provider('anthropic'), h.fake, { text: 'a b c d', usage: USAGE }, { stream }))
      const usage = stream ? (await collect(r)).usage : r.usage
      // input 10 + read 6 + written 20, as LiteLLM counts Anthropic's prompt.
      assert.deepEqual(usage, {
        prompt_tokens: 36,
        completion_tokens: 4,
        total_tokens: 40,
        prompt_tokens_details: { cached_tokens: 6 },
        completion_tokens_details: { reasoning_tokens: 0 },
        cache_creation_input_tokens: 20,
        cache_read_input_tokens: 6,
      })
    })

    for (const p of WIRES.filter((w) => w.wire !== 'anthropic' && w.wire !== 'ollama')) {
      test(`${p.name}: cached tokens are cache reads (${stream ? 'stream' : 'whole'})`, T, async () => {
        const script = { text: 'a b', usage: { prompt_tokens: 12, completion_tokens: 2, cached_tokens: 5 } }
        const r = await completion(params(p, h.fake, script, { stream }))
        const usage = stream ? (await collect(r)).usage : r.usage
        assert.equal(usage.prompt_tokens_details.cached_tokens, 5)
        assert.equal(usage.cache_read_input_tokens, 5)
        assert.equal(usage.cache_creation_input_tokens, 0)
      })
    }
  }

  test('anthropic: a stream left with break keeps the usage sent before it', T, async () => {
    const p = provider('anthropic')
    const s = await completion(
      params(p, h.fake, { text: 'one two three four', usage: USAGE, chunk_delay_ms: 20 }, { stream: true }),
    )
    for await (const c of s) if (c.choices[0]?.delta.content) break
    assert.ok(s.usage, 'usage after break')
    assert.equal(s.usage.prompt_tokens, 36, 'message_start’s prompt count')
    assert.equal(s.usage.cache_read_input_tokens, 6)
    assert.equal(s.usage.cache_creation_input_tokens, 20)
    assert.ok(s.timing, 'timing after break')
  })
})
