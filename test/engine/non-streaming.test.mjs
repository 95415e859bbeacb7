// Non-streaming completion() on every provider: the OpenAI `chat.completion`
// shape, content, usage from the wire, `_response_ms` and `_timing`.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { chatRequests, fakePerFile, PROVIDERS, params, since, T } from './helpers.mjs'

const h = fakePerFile()

const TEXT = 'Grüße aus Köln — 你好 🌍 done.'

describe('non-streaming on every provider', () => {
  for (const p of PROVIDERS) {
    test(`${p.name}: chat.completion shape, content, usage, timing`, T, async () => {
      h.fake.clearRequests()
      const usage = { prompt_tokens: 13, completion_tokens: 5, cached_tokens: 3 }
      const before = Date.now()
      const t0 = performance.now()
      const r = await completion(params(p, h.fake, { text: TEXT, usage }))
      const wall = since(t0)
      const after = Date.now()

      assert.equal(r.object, 'chat.completion')
      assert.equal(typeof r.id, 'string')
      assert.ok(r.id.length > 0)
      assert.equal(typeof r.created, 'number')
      // Clock facts are checked causally: stamped between the call and its return.
      assert.ok(r.created >= Math.floor(before / 1000) && r.created <= Math.ceil(after / 1000), `created ${r.created}`)
      assert.equal(r.model, p.wireModel)
      assert.equal(r.choices.length, 1)
      const c = r.choices[0]
      assert.equal(c.index, 0)
      assert.equal(c.message.role, 'assistant')
      assert.equal(c.message.content, TEXT)
      assert.equal(c.message.tool_calls, undefined)
      assert.equal(c.finish_reason, 'stop')

      assert.equal(r.usage.completion_tokens, 5)
      assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens)
      assert.equal(r.usage.completion_tokens_details.reasoning_tokens, 0)
      if (p.wire === 'anthropic') {
        // LiteLLM counts cache reads into prompt_tokens for Anthropic (input_tokens excludes them).
        assert.equal(r.usage.prompt_tokens, 16)
        assert.equal(r.usage.prompt_tokens_details.cached_tokens, 3)
      } else if (p.wire === 'ollama') {
        // Ollama reports no cache figures.
        assert.equal(r.usage.prompt_tokens, 13)
        assert.equal(r.usage.prompt_tokens_details.cached_tokens, 0)
      } else {
        assert.equal(r.usage.prompt_tokens, 13)
        assert.equal(r.usage.prompt_tokens_details.cached_tokens, 3)
      }

      assert.equal(r._provider, p.name)
      assert.equal(typeof r._response_ms, 'number')
      // Measured inside the call, so never longer than the call as JS saw it (+5 ms of
      // clock granularity, as in timing.test.mjs).
      assert.ok(r._response_ms > 0 && r._response_ms <= wall + 5, `${r._response_ms} ms of ${wall}`)
      const t = r._timing
      assert.ok(t)
      assert.equal(t.attempts, 1)
      assert.equal(t.output_tokens, 5)
      assert.equal(t.output_tokens_source, 'provider')
      assert.ok(t.request_sent_ms <= t.headers_ms)
      assert.ok(t.headers_ms <= t.end_ms)
      assert.equal(r._response_ms, t.end_ms)
      assert.equal(typeof t.start_unix_ms, 'number')
      assert.ok(t.start_unix_ms >= before - 1 && t.start_unix_ms <= after + 1, `start ${t.start_unix_ms}`)
      assert.equal(t.http_version, '1.1')
      if (p.wire === 'ollama') {
        assert.equal(t.ollama.eval_count, 5)
        assert.equal(t.ollama.prompt_eval_count, 13)
      } else assert.equal(t.ollama, undefined)

      // Exactly one request, non-streaming on the wire.
      const reqs = chatRequests(h.fake)
      assert.equal(reqs.length, 1)
      assert.equal(reqs[0].provider, p.wire)
      if (p.wire === 'openai' || p.wire === 'azure' || p.wire === 'anthropic')
        assert.notEqual(reqs[0].body.stream, true)
      if (p.wire === 'ollama') assert.equal(reqs[0].body.stream, false)
      if (p.wire === 'gemini') assert.match(reqs[0].path, /:generateContent$/)
      if (p.wire === 'openai') assert.equal(reqs[0].body.model, p.wireModel)
    })
  }

  test('default usage: prompt tokens counted by the fake from the request', T, async () => {
    const p = PROVIDERS[0]
    const r = await completion(
      params(p, h.fake, { text: 'one two three' }, { messages: [{ role: 'user', content: 'a b c d e f' }] }),
    )
    assert.equal(r.usage.prompt_tokens, 6)
    assert.equal(r.usage.completion_tokens, 3)
    assert.equal(r.usage.total_tokens, 9)
  })

  test('empty content is an empty string, not null', T, async () => {
    for (const p of PROVIDERS.filter((x) => x.name === x.wire)) {
      const r = await completion(params(p, h.fake, { chunks: [] }))
      assert.equal(r.choices[0].message.content, '', p.name)
    }
  })

  test('parameters reach the wire in each provider’s spelling', T, async () => {
    h.fake.clearRequests()
    const common = {
      temperature: 0.25,
      top_p: 0.5,
      max_tokens: 77,
      stop: ['END'],
    }
    for (const p of PROVIDERS.filter((x) => x.name === x.wire)) {
      await completion(params(p, h.fake, { text: 'ok' }, common))
    }
    const by = Object.fromEntries(chatRequests(h.fake).map((r) => [r.provider, r.body]))
    assert.equal(by.openai.temperature, 0.25)
    assert.equal(by.openai.top_p, 0.5)
    assert.equal(by.openai.max_tokens ?? by.openai.max_completion_tokens, 77)
    assert.deepEqual(by.openai.stop, ['END'])
    assert.equal(by.azure.temperature, 0.25)
    assert.equal(by.anthropic.temperature, 0.25)
    assert.equal(by.anthropic.max_tokens, 77)
    assert.deepEqual(by.anthropic.stop_sequences, ['END'])
    assert.equal(by.gemini.generationConfig.temperature, 0.25)
    assert.equal(by.gemini.generationConfig.topP, 0.5)
    assert.equal(by.gemini.generationConfig.maxOutputTokens, 77)
    assert.deepEqual(by.gemini.generationConfig.stopSequences, ['END'])
    assert.equal(by.ollama.options.temperature, 0.25)
    assert.equal(by.ollama.options.top_p, 0.5)
    assert.equal(by.ollama.options.num_predict, 77)
    assert.deepEqual(by.ollama.options.stop, ['END'])
  })

  test('extra_headers reach the wire', T, async () => {
    h.fake.clearRequests()
    const p = PROVIDERS[0]
    await completion(params(p, h.fake, { text: 'ok' }, { extra_headers: { 'x-trace-id': 'abc123' } }))
    assert.equal(h.fake.requests.at(-1).headers['x-trace-id'], 'abc123')
  })

  test('image_url content parts are translated per wire', T, async () => {
    h.fake.clearRequests()
    const png = 'data:image/png;base64,iVBORw0KGgo='
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this' },
          { type: 'image_url', image_url: { url: png } },
        ],
      },
    ]
    for (const p of PROVIDERS.filter((x) => x.name === x.wire)) {
      const r = await completion(params(p, h.fake, { text: 'a cat' }, { messages }))
      assert.equal(r.choices[0].message.content, 'a cat', p.name)
    }
    const by = Object.fromEntries(chatRequests(h.fake).map((r) => [r.provider, r.body]))
    assert.deepEqual(by.openai.messages[0].content[1], { type: 'image_url', image_url: { url: png } })
    const aImg = by.anthropic.messages[0].content.find((b) => b.type === 'image')
    assert.deepEqual(aImg.source, { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' })
    const gPart = by.gemini.contents[0].parts.find((x) => x.inlineData || x.inline_data)
    assert.deepEqual(gPart.inlineData ?? gPart.inline_data, { mimeType: 'image/png', data: 'iVBORw0KGgo=' })
    assert.deepEqual(by.ollama.messages[0].images, ['iVBORw0KGgo='])
    assert.equal(by.ollama.messages[0].content, 'what is this')
  })
})
