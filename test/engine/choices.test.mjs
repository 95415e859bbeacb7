// `n > 1` (every choice streamed with its index and rebuilt by index),
// `logprobs` passed through, and legacy `functions` answered with `function_call`.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion, stream_chunk_builder } from '@edgequake/llm'
import { chatRequests, fakePerFile, params, provider, T } from './helpers.mjs'

const h = fakePerFile()

/** @param {AsyncIterable<any>} s */
async function drain(s) {
  const chunks = []
  for await (const c of s) chunks.push(c)
  return chunks
}

describe('n > 1', () => {
  for (const name of ['openai', 'azure', 'groq', 'gemini']) {
    test(`${name}: streamed choices carry their index and rebuild separately`, T, async () => {
      const p = provider(name)
      const s = await completion(params(p, h.fake, { text: 'one two three' }, { n: 3, stream: true }))
      const chunks = await drain(s)
      const text = [0, 1, 2].map((i) =>
        chunks
          .filter((c) => c.choices[0]?.index === i)
          .map((c) => c.choices[0].delta.content ?? '')
          .join(''),
      )
      assert.deepEqual(text, ['one two three', '#1 one two three', '#2 one two three'])
      for (const i of [0, 1, 2]) {
        const first = chunks.find((c) => c.choices[0]?.index === i)
        assert.equal(first.choices[0].delta.role, 'assistant', `choice ${i} opens with the role`)
        const finishes = chunks.filter((c) => c.choices[0]?.index === i && c.choices[0].finish_reason)
        assert.equal(finishes.length, 1, `one finish for choice ${i}`)
      }
      const built = stream_chunk_builder(chunks)
      assert.deepEqual(
        built.choices.map((c) => [c.index, c.message.content, c.finish_reason]),
        [
          [0, 'one two three', 'stop'],
          [1, '#1 one two three', 'stop'],
          [2, '#2 one two three', 'stop'],
        ],
      )
      assert.ok(s.timing.first_token_ms > 0)
    })

    test(`${name}: a whole reply has every choice`, T, async () => {
      const r = await completion(params(provider(name), h.fake, { text: 'a b' }, { n: 2 }))
      assert.deepEqual(
        r.choices.map((c) => [c.index, c.message.content]),
        [
          [0, 'a b'],
          [1, '#1 a b'],
        ],
      )
    })
  }
})

describe('logprobs', () => {
  test('stream: each content chunk carries its tokens’ logprobs; the builder joins them', T, async () => {
    const p = provider('openai')
    const chunks = await drain(
      await completion(params(p, h.fake, { text: 'é b' }, { stream: true, logprobs: true, top_logprobs: 2 })),
    )
    const content = chunks.filter((c) => c.choices[0]?.delta.content)
    assert.deepEqual(
      content.map((c) => c.choices[0].logprobs.content.map((t) => t.token)),
      [['é'], [' b']],
    )
    assert.deepEqual(content[0].choices[0].logprobs.content[0].bytes, [0xc3, 0xa9])
    assert.equal(chatRequests(h.fake).at(-1).body.top_logprobs, 2)
    const built = stream_chunk_builder(chunks)
    assert.deepEqual(
      built.choices[0].logprobs.content.map((t) => t.token),
      ['é', ' b'],
    )
  })

  test('gemini: logprobsResult becomes OpenAI’s logprobs, streamed and whole', T, async () => {
    const p = provider('gemini')
    const chunks = await drain(
      await completion(params(p, h.fake, { text: 'a b' }, { stream: true, logprobs: true, top_logprobs: 2 })),
    )
    const built = stream_chunk_builder(chunks)
    assert.deepEqual(
      built.choices[0].logprobs.content.map((t) => [t.token, t.logprob, t.top_logprobs[1].token]),
      [
        ['a', -0.5, 'alt'],
        [' b', -0.5, 'alt'],
      ],
    )
    const body = chatRequests(h.fake).at(-1).body
    assert.deepEqual([body.generationConfig.responseLogprobs, body.generationConfig.logprobs], [true, 2])
    const r = await completion(params(p, h.fake, { text: 'a b' }, { logprobs: true }))
    assert.equal(r.choices[0].logprobs.content.length, 2)
  })

  test('whole: choices[0].logprobs.content; null when not asked', T, async () => {
    const p = provider('openai')
    const r = await completion(params(p, h.fake, { text: 'x y' }, { logprobs: true }))
    assert.deepEqual(
      r.choices[0].logprobs.content.map((t) => [t.token, t.logprob]),
      [
        ['x', -0.5],
        [' y', -0.5],
      ],
    )
    const plain = await completion(params(p, h.fake, { text: 'x y' }))
    assert.equal(plain.choices[0].logprobs, null)
  })
})

describe('legacy functions / function_call', () => {
  const FUNCTIONS = [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }]
  const SCRIPT = { tool_calls: [{ name: 'lookup', arguments: '{"q":"x"}' }] }

  for (const name of ['openai', 'anthropic', 'gemini', 'ollama']) {
    test(`${name}: sent as tools, answered as function_call`, T, async () => {
      const p = provider(name)
      // Ollama cannot force a call: 'auto' there.
      const function_call = p.wire === 'ollama' ? 'auto' : { name: 'lookup' }
      const r = await completion(params(p, h.fake, SCRIPT, { functions: FUNCTIONS, function_call }))
      const m = r.choices[0].message
      assert.deepEqual(m.function_call, { name: 'lookup', arguments: '{"q":"x"}' })
      assert.equal(m.tool_calls, undefined)
      assert.equal(r.choices[0].finish_reason, 'function_call')
      const body = chatRequests(h.fake).at(-1).body
      assert.equal(body.functions, undefined, 'the legacy field is not sent')
      assert.ok(JSON.stringify(body).includes('lookup'), 'the function reached the provider as a tool')
    })
  }

  test('openai stream: delta.function_call pieces and finish function_call', T, async () => {
    const p = provider('openai')
    const chunks = await drain(await completion(params(p, h.fake, SCRIPT, { functions: FUNCTIONS, stream: true })))
    const calls = chunks.filter((c) => c.choices[0]?.delta.function_call)
    assert.equal(calls[0].choices[0].delta.function_call.name, 'lookup')
    assert.equal(calls.map((c) => c.choices[0].delta.function_call.arguments).join(''), '{"q":"x"}')
    assert.equal(chunks.find((c) => c.choices[0]?.finish_reason).choices[0].finish_reason, 'function_call')
    const built = stream_chunk_builder(chunks)
    assert.deepEqual(built.choices[0].message.function_call, { name: 'lookup', arguments: '{"q":"x"}' })
    const body = chatRequests(h.fake).at(-1).body
    assert.equal(body.tools[0].function.name, 'lookup')
  })
})

describe('audio output (modalities: ["audio"])', () => {
  const AUDIO = { modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'pcm16' } }

  test('stream: delta.audio pieces; stream_chunk_builder joins transcript and data', T, async () => {
    const p = provider('openai')
    const chunks = await drain(
      await completion(params(p, h.fake, { text: 'Hi there', audio: true }, { ...AUDIO, stream: true })),
    )
    const audio = chunks.filter((c) => c.choices[0]?.delta.audio).map((c) => c.choices[0].delta.audio)
    assert.equal(audio.length, 2)
    assert.match(audio[0].id, /^audio_fake_\d+$/, 'the first piece carries the id')
    assert.equal(audio[1].id, undefined)
    const built = stream_chunk_builder(chunks)
    assert.equal(built.choices[0].message.audio.transcript, 'Hi there')
    assert.equal(
      built.choices[0].message.audio.data,
      Buffer.from('Hi').toString('base64') + Buffer.from(' there').toString('base64'),
    )
  })

  test('whole: message.audio as sent, content null', T, async () => {
    const r = await completion(params(provider('openai'), h.fake, { text: 'Hi there', audio: true }, AUDIO))
    const m = r.choices[0].message
    assert.equal(m.content, null)
    assert.equal(m.audio.transcript, 'Hi there')
    assert.equal(typeof m.audio.expires_at, 'number')
  })
})
