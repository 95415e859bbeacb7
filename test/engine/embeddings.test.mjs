// embedding(): openai, azure, gemini, ollama and the OpenAI-compatible family,
// against the fake's embeddings routes: vectors in input order, usage, timing.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { embedding } from '@edgequake/llm'
import { fakeVector } from '../fake-provider/embeddings-wire.mjs'
import { chatRequests, encodeScriptHeader, failure, fakePerFile, KEY, provider, T } from './helpers.mjs'

const h = fakePerFile()

const CASES = [
  ['openai', 'openai/text-embedding-3-small', '/v1/embeddings'],
  ['azure', 'azure/my-embedder', '/openai/deployments/my-embedder/embeddings'],
  ['gemini', 'gemini/gemini-embedding-001', '/v1beta/models/gemini-embedding-001:batchEmbedContents'],
  ['ollama', 'ollama/nomic-embed-text', '/api/embed'],
  ['together_ai', 'together_ai/BAAI/bge-base-en-v1.5', '/v1/embeddings'],
  ['hosted_vllm', 'hosted_vllm/intfloat/e5-small', '/v1/embeddings'],
]

/** @param {string} name @param {object} over */
function call(name, over = {}) {
  const p = provider(name)
  return {
    model: CASES.find((c) => c[0] === name)[1],
    api_base: p.base(h.fake.url),
    api_key: KEY,
    ...(p.extra ?? {}),
    ...over,
  }
}

describe('embedding()', () => {
  for (const [name, , path] of CASES) {
    test(`${name}: vectors in input order, usage and timing`, T, async () => {
      const input = ['first text here', 'second']
      const r = await embedding(call(name, { input, dimensions: 3 }))
      assert.equal(r.object, 'list')
      assert.deepEqual(
        r.data.map((d) => [d.object, d.index, d.embedding]),
        input.map((t, i) => ['embedding', i, fakeVector(t, 3)]),
      )
      const req = chatRequests(h.fake).at(-1)
      assert.equal(req.path, path)
      if (name === 'gemini') {
        assert.equal(r.usage.prompt_tokens_source, 'estimate', 'Gemini reports no usage')
        assert.equal(r.usage.prompt_tokens, Math.ceil(input.join('').length / 4))
        assert.equal(req.body.requests[0].outputDimensionality, 3)
      } else {
        assert.deepEqual(r.usage, { prompt_tokens: 4, total_tokens: 4, prompt_tokens_source: 'provider' })
        assert.equal(req.body.dimensions, 3)
      }
      assert.equal(r._provider, name)
      assert.equal(typeof r._timing.headers_ms, 'number')
      assert.ok(r._timing.end_ms >= r._timing.headers_ms)
      assert.equal(r._timing.attempts, 1)
      if (name === 'ollama') assert.equal(r._timing.server.ollama.total_ms, 1.5)
    })
  }

  test('one string in, one vector out; base64 passes through on OpenAI', T, async () => {
    const r = await embedding(call('openai', { input: 'solo', encoding_format: 'base64' }))
    assert.equal(r.data.length, 1)
    const floats = new Float32Array(Uint8Array.from(Buffer.from(r.data[0].embedding, 'base64')).buffer)
    assert.deepEqual(
      Array.from(floats).map((x) => Math.round(x * 1e4) / 1e4),
      fakeVector('solo', 4),
    )
    const err = await failure(embedding(call('gemini', { input: 'solo', encoding_format: 'base64' })))
    assert.equal(err.name, 'BadRequestError')
    assert.match(err.message, /encoding_format/)
  })

  test('providers without embeddings, bad input and provider errors are typed', T, async () => {
    const none = await failure(
      embedding({ model: 'anthropic/claude-sonnet-4-0', input: 'x', api_key: KEY, api_base: h.fake.url }),
    )
    assert.equal(none.name, 'BadRequestError')
    assert.match(none.message, /no embeddings endpoint/)
    const empty = await failure(embedding(call('openai', { input: [] })))
    assert.match(empty.message, /`input` has 0/)
    const typo = await failure(embedding(call('openai', { input: 'x', dimension: 3 })))
    assert.match(typo.message, /dimension/)
    const script = encodeScriptHeader({ status: 429 })
    const limited = await failure(embedding(call('openai', { input: 'x', extra_headers: { 'x-fake-script': script } })))
    assert.equal(limited.name, 'RateLimitError')
    const bad = await failure(embedding(call('openai', { input: 'x', api_key: 'bad-key-123' })))
    assert.equal(bad.name, 'AuthenticationError')
    assert.ok(!bad.message.includes('bad-key-123'))
  })
})
