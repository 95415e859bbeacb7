// Streaming on every provider: text, OpenAI chunk shape, usage, finish
// reasons, per-chunk arrival offsets and the stream's timing record.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { collect, fakePerFile, PROVIDERS, params, T, tokenize } from './helpers.mjs'

const h = fakePerFile()

const TEXT = 'Héllo wörld, ça va? Crème brûlée 🎉🚀 naïve façade — done.'
const USAGE = { prompt_tokens: 11, completion_tokens: 7 }

describe('streaming on every provider', () => {
  for (const p of PROVIDERS) {
    test(`${p.name}: text, chunk shape, usage, timing`, T, async () => {
      const stream = await completion(
        params(p, h.fake, { text: TEXT, usage: USAGE }, { stream: true, stream_options: { include_usage: true } }),
      )
      assert.equal(stream.timing, null, 'timing is set only when the stream ends')
      const r = await collect(stream)

      assert.equal(r.text, TEXT)
      assert.equal(r.tokenChunks, tokenize(TEXT).length, 'one chunk per scripted token')
      for (const c of r.chunks) {
        assert.equal(c.object, 'chat.completion.chunk')
        assert.equal(typeof c.id, 'string')
        assert.equal(typeof c.created, 'number')
        assert.ok(Math.abs(c.created - Date.now() / 1000) < 60, 'created is unix seconds')
        assert.equal(typeof c.model, 'string')
        assert.ok(Array.isArray(c.choices))
        assert.equal(typeof c._arrival_ms, 'number')
      }
      // One id and one model for the whole stream.
      assert.equal(new Set(r.chunks.map((c) => c.id)).size, 1, 'all chunks share one id')
      assert.equal(new Set(r.chunks.map((c) => c.model)).size, 1, 'all chunks share one model')

      const first = r.chunks[0]
      assert.equal(first.choices[0].index, 0)
      assert.equal(first.choices[0].delta.role, 'assistant')
      assert.equal(first.choices[0].finish_reason, null)
      assert.equal(first.choices[0].logprobs, null)
      for (const c of r.chunks.slice(1))
        assert.equal(c.choices[0]?.delta.role, undefined, 'role only on the first delta')

      const last = r.chunks.at(-1)
      assert.deepEqual(last.choices, [])
      // Only the final usage chunk has empty choices (Azure's prompt-filter chunk is not passed on).
      for (const c of r.chunks.slice(0, -1)) assert.equal(c.choices.length, 1)
      assert.deepEqual(last.usage, {
        prompt_tokens: 11,
        completion_tokens: 7,
        total_tokens: 18,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      })
      assert.equal(r.finish, 'stop')
      // Exactly one chunk carries the finish reason, just before the usage chunk.
      assert.equal(r.chunks.filter((c) => c.choices[0]?.finish_reason).length, 1)
      assert.equal(r.chunks.at(-2).choices[0].finish_reason, 'stop')

      for (let i = 1; i < r.chunks.length; i++) {
        assert.ok(r.chunks[i]._arrival_ms >= r.chunks[i - 1]._arrival_ms, `_arrival_ms non-decreasing at ${i}`)
      }

      const t = stream.timing
      assert.ok(t, 'timing set after the end')
      assert.equal(typeof t.first_token_ms, 'number')
      assert.equal(typeof t.end_ms, 'number')
      assert.ok(t.first_token_ms <= t.end_ms)
      assert.ok(t.headers_ms <= t.first_token_ms)
      assert.equal(t.chunk_offsets_ms.length, r.tokenChunks)
      assert.equal(t.chunk_offsets_ms[0], t.first_token_ms)
      assert.equal(t.output_tokens_source, 'provider')
      assert.equal(t.output_tokens, 7)
      assert.equal(t.attempts, 1)
      assert.equal(t.http_version, '1.1')
      assert.equal(last._arrival_ms, t.end_ms)
      assert.deepEqual(stream.usage, last.usage)
      // Token chunks' arrival offsets are the timing record's offsets.
      const tokenArrivals = r.chunks.filter((c) => c.choices[0]?.delta.content).map((c) => c._arrival_ms)
      assert.deepEqual(
        tokenArrivals.map((x) => Math.round(x)),
        t.chunk_offsets_ms.map((x) => Math.round(x)),
      )
      if (p.wire === 'ollama') assert.equal(typeof t.ollama?.eval_count, 'number')
    })
  }
})

describe('chunk id and model are the ones the provider sent', () => {
  for (const p of PROVIDERS.filter((x) => x.name === x.wire || x.name === 'groq')) {
    const opts = T
    test(p.name, opts, async () => {
      const r = await collect(await completion(params(p, h.fake, { text: 'a b c' }, { stream: true })))
      const nonStream = await completion(params(p, h.fake, { text: 'a b c' }))
      for (const c of r.chunks) {
        assert.ok(c.id.length > 0, `chunk id is non-empty (got ${JSON.stringify(c.id)})`)
        assert.equal(c.model, p.wireModel, 'chunk model is the model the provider answered with')
      }
      assert.equal(nonStream.model, p.wireModel)
      if (p.wire === 'openai' || p.wire === 'azure') assert.match(r.chunks[0].id, /^chatcmpl-fake-\d+$/)
      if (p.wire === 'anthropic') assert.match(r.chunks[0].id, /^msg_fake_\d+$/)
      if (p.wire === 'gemini') assert.match(r.chunks[0].id, /^fake-resp-\d+$/)
    })
  }
})

describe('finish reasons are mapped to OpenAI’s', () => {
  for (const p of PROVIDERS.filter((x) =>
    ['openai', 'azure', 'anthropic', 'gemini', 'ollama', 'mistral'].includes(x.name),
  )) {
    const reasons = p.wire === 'ollama' ? ['stop', 'length'] : ['stop', 'length', 'content_filter']
    for (const reason of reasons) {
      test(`${p.name}: ${reason}`, T, async () => {
        const s = await completion(
          params(p, h.fake, { text: 'partial answer', finish_reason: reason }, { stream: true }),
        )
        const r = await collect(s)
        assert.equal(r.text, 'partial answer')
        assert.equal(r.finish, reason)
        const nonStream = await completion(params(p, h.fake, { text: 'partial answer', finish_reason: reason }))
        assert.equal(nonStream.choices[0].finish_reason, reason)
      })
    }
  }

  test('mistral native `model_length` → length', T, async () => {
    const p = PROVIDERS.find((x) => x.name === 'mistral')
    const s = await completion(
      params(p, h.fake, { text: 'cut', native_finish_reason: 'model_length' }, { stream: true }),
    )
    assert.equal((await collect(s)).finish, 'length')
  })

  test('anthropic native `stop_sequence` → stop', T, async () => {
    const p = PROVIDERS.find((x) => x.name === 'anthropic')
    for (const native of ['stop_sequence']) {
      const s = await completion(params(p, h.fake, { text: 'cut', native_finish_reason: native }, { stream: true }))
      assert.equal((await collect(s)).finish, 'stop', native)
    }
  })

  test('gemini native `RECITATION` → content_filter', T, async () => {
    const p = PROVIDERS.find((x) => x.name === 'gemini')
    const s = await completion(params(p, h.fake, { text: 'cut', native_finish_reason: 'RECITATION' }, { stream: true }))
    assert.equal((await collect(s)).finish, 'content_filter')
  })
})

describe('framing quirks keep the text byte-exact', () => {
  const QUIRKS = [
    ['split_writes', { split_writes: true }],
    ['split_writes + split_max 1', { split_writes: true, split_max: 1 }],
    ['crlf', { crlf: true }],
    ['crlf + split_writes', { crlf: true, split_writes: true, split_seed: 7 }],
    ['comments + no_space + pad_json', { comments: true, no_space: true, pad_json: true }],
  ]
  for (const p of PROVIDERS.filter((x) => x.name === x.wire || x.name === 'groq')) {
    for (const [label, quirk] of QUIRKS) {
      test(`${p.name}: ${label}`, T, async () => {
        const script = { text: TEXT, usage: USAGE, ...quirk }
        const s = await completion(params(p, h.fake, script, { stream: true }))
        const r = await collect(s)
        assert.equal(r.text, TEXT)
        assert.equal(r.tokenChunks, tokenize(TEXT).length)
        assert.equal(r.finish, 'stop')
        assert.equal(r.usage.completion_tokens, 7)
        assert.equal(s.timing.chunk_offsets_ms.length, r.tokenChunks)
      })
    }
  }

  test('explicit chunks that cut inside a word arrive unchanged', T, async () => {
    const chunks = ['na', 'ïve', ' 🎉', '', 'x\ny', ' "quoted" \\ back']
    for (const p of PROVIDERS.filter((x) => x.name === x.wire)) {
      const s = await completion(params(p, h.fake, { chunks, split_writes: true }, { stream: true }))
      const r = await collect(s)
      assert.equal(r.text, chunks.join(''), p.name)
    }
  })
})

describe('stream_options and defaults', () => {
  test('openai stream asks for include_usage and a JSON SSE stream', T, async () => {
    const p = PROVIDERS[0]
    h.fake.clearRequests()
    await collect(await completion(params(p, h.fake, { text: 'a b' }, { stream: true })))
    const req = h.fake.requests.at(-1)
    assert.equal(req.body.stream, true)
    assert.deepEqual(req.body.stream_options, { include_usage: true })
    assert.equal(req.headers.authorization, 'Bearer test-key')
  })

  test('without include_usage no chunk has empty choices; usage and timing still come', T, async () => {
    for (const p of PROVIDERS.filter((x) => x.name === x.wire || x.name === 'groq')) {
      h.fake.clearRequests()
      const s = await completion(params(p, h.fake, { text: 'a b c', usage: USAGE }, { stream: true }))
      let text = ''
      const chunks = []
      // The commonest consumer loop: no optional chaining on choices[0].
      for await (const c of s) {
        chunks.push(c)
        text += c.choices[0].delta.content ?? ''
      }
      assert.equal(text, 'a b c', p.name)
      assert.equal(chunks.filter((c) => c.choices.length === 0 || c.usage).length, 0, p.name)
      assert.equal(s.usage.completion_tokens, 7, `${p.name}: stream.usage from the provider`)
      assert.equal(s.timing.output_tokens_source, 'provider', p.name)
      if (p.wire === 'openai' || p.wire === 'azure') {
        assert.deepEqual(
          h.fake.requests.at(-1).body.stream_options,
          { include_usage: true },
          'still asked of the server',
        )
      }
    }
  })

  test('default reply (no script) streams the fake’s deterministic text', T, async () => {
    for (const p of PROVIDERS.filter((x) => x.name === x.wire)) {
      const r = await collect(await completion(params(p, h.fake, null, { stream: true })))
      assert.equal(r.text, `Hello from the fake ${p.wire} provider, deterministic reply.`, p.name)
      assert.equal(r.tokenChunks, 8)
    }
  })

  test('acompletion is completion', async () => {
    const llm = await import('@edgequake/llm')
    assert.equal(llm.acompletion, llm.completion)
  })
})
