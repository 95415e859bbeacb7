// mock_response (no network at all), list_models, providers(), warm(), and
// both module systems.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'
import llmDefault, * as llm from '@edgequake/llm'
import { closedPort, collect, fakePerFile, KEY, since, startFakeProvider, T } from './helpers.mjs'

const { completion, list_models, providers, warm, stream_chunk_builder } = llm
const h = fakePerFile()
const MSG = [{ role: 'user', content: 'hi' }]

describe('mock_response', () => {
  test('non-streaming, no server, no key, no api_base', T, async () => {
    const saved = process.env.OPENAI_API_KEY
    delete process.env.OPENAI_API_KEY
    try {
      const r = await completion({ model: 'openai/gpt-4o-mini', messages: MSG, mock_response: 'Hello mock — wörld 🎉' })
      assert.equal(r.object, 'chat.completion')
      assert.equal(r.choices[0].message.role, 'assistant')
      assert.equal(r.choices[0].message.content, 'Hello mock — wörld 🎉')
      assert.equal(r.choices[0].finish_reason, 'stop')
      assert.equal(r.model, 'gpt-4o-mini')
      assert.equal(r._provider, 'openai')
      assert.equal(typeof r.usage.completion_tokens, 'number')
      assert.ok(r.usage.completion_tokens > 0)
      assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens)
      assert.equal(r._timing.http_version, null)
      assert.equal(r._timing.connect_ms, null)
      assert.equal(typeof r._response_ms, 'number')
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved
    }
  })

  test('streaming on every provider family, no network', T, async () => {
    for (const model of [
      'openai/gpt-4o-mini',
      'anthropic/claude-sonnet-4-0',
      'gemini/gemini-2.0-flash',
      'ollama/llama3.2',
      'groq/llama-3.1-8b-instant',
      'azure/my-dep',
    ]) {
      const s = await completion({
        model,
        messages: MSG,
        mock_response: 'Streamed mock reply here.',
        stream: true,
        stream_options: { include_usage: true },
      })
      const r = await collect(s)
      assert.equal(r.text, 'Streamed mock reply here.', model)
      assert.ok(r.tokenChunks > 1, `${model}: streamed in several chunks`)
      assert.equal(r.chunks[0].object, 'chat.completion.chunk')
      assert.equal(r.chunks[0].choices[0].delta.role, 'assistant')
      assert.equal(r.finish, 'stop')
      assert.ok(r.usage, 'a final usage chunk')
      assert.deepEqual(r.chunks.at(-1).choices, [])
      assert.ok(s.timing)
      assert.equal(s.timing.chunk_offsets_ms.length, r.tokenChunks)
      const built = stream_chunk_builder(r.chunks)
      assert.equal(built.choices[0].message.content, 'Streamed mock reply here.')
    }
  })

  test('makes no request even when api_base points at a server', T, async () => {
    h.fake.clearRequests()
    await completion({
      model: 'openai/gpt-4o-mini',
      messages: MSG,
      mock_response: 'x',
      api_base: `${h.fake.url}/v1`,
      api_key: KEY,
    })
    await collect(
      await completion({
        model: 'openai/gpt-4o-mini',
        messages: MSG,
        mock_response: 'x y',
        api_base: `${h.fake.url}/v1`,
        api_key: KEY,
        stream: true,
      }),
    )
    assert.equal(h.fake.requests.length, 0)
  })

  test('mock_ttft_ms paces the first token (never before 90 ms)', T, async () => {
    const t0 = performance.now()
    const s = await completion({
      model: 'openai/gpt-4o-mini',
      messages: MSG,
      mock_response: 'a b c',
      stream: true,
      mock_ttft_ms: 100,
    })
    const it = s[Symbol.asyncIterator]()
    const first = await it.next()
    const wall = since(t0)
    assert.equal(first.value.choices[0].delta.content, 'a')
    assert.ok(wall >= 90, `first chunk reached JS after ${wall} ms`)
    for (let r = await it.next(); !r.done; r = await it.next());
    const ttft = s.timing.first_token_ms
    assert.ok(ttft >= 90, `first_token_ms ${ttft}`)
    assert.ok(first.value._arrival_ms >= 90, `first chunk at ${first.value._arrival_ms} ms`)
  })

  test('mock_tokens_per_second paces the decode (50 tok/s → ~20 ms gaps)', T, async () => {
    const s = await completion({
      model: 'openai/gpt-4o-mini',
      messages: MSG,
      mock_response: 'one two six ten red blue', // six tokens: words of at most 4 chars
      stream: true,
      mock_tokens_per_second: 50,
    })
    await collect(s)
    const offs = s.timing.chunk_offsets_ms
    assert.equal(offs.length, 6)
    // Causal: token i is due 20·i ms after the start and is never sent early (how late
    // it comes is machine speed: benchmarks measure that, tests don't).
    for (const [i, at] of offs.entries()) assert.ok(at >= i * 20 - 1, `token ${i} at ${at} ms`)
    const rate = s.timing.decode_tokens_per_s
    const expected = ((s.timing.output_tokens - 1) * 1000) / (s.timing.end_ms - s.timing.first_token_ms)
    assert.ok(Math.abs(rate - expected) < 0.01 * expected, `decode ${rate}, by definition ${expected}`)
    assert.equal(s.timing.buffered, false)
  })

  test('mock_ttft_ms on a non-streaming call delays the answer', T, async () => {
    const t0 = performance.now()
    const r = await completion({ model: 'openai/gpt-4o-mini', messages: MSG, mock_response: 'late', mock_ttft_ms: 80 })
    assert.equal(r.choices[0].message.content, 'late')
    assert.ok(since(t0) >= 75, `${since(t0)} ms`)
  })

  test('mock calls still validate their input', T, async () => {
    await assert.rejects(
      completion({ model: 'openai/gpt-4o-mini', messages: [], mock_response: 'x' }),
      llm.BadRequestError,
    )
    await assert.rejects(completion({ model: 'nope/x', messages: MSG, mock_response: 'x' }), llm.BadRequestError)
  })

  test('a mock stream can be aborted', T, async () => {
    const ac = new AbortController()
    const s = await completion({
      model: 'openai/gpt-4o-mini',
      messages: MSG,
      mock_response: 'a b c d e f g h',
      stream: true,
      mock_tokens_per_second: 10,
      signal: ac.signal,
    })
    const it = s[Symbol.asyncIterator]()
    await it.next()
    ac.abort()
    let err = null
    try {
      for (let r = await it.next(); !r.done; r = await it.next())
        assert.ok(!r.value.choices[0]?.delta.content, 'no content after abort')
    } catch (e) {
      err = e
    }
    assert.ok(err instanceof llm.AbortError, String(err))
  })
})

describe('list_models', () => {
  test('openai: GET /v1/models with Bearer', T, async () => {
    h.fake.setModels('openai', ['gpt-x-1', 'gpt-x-2'])
    h.fake.clearRequests()
    const models = await list_models({ provider: 'openai', api_base: `${h.fake.url}/v1`, api_key: KEY })
    assert.deepEqual(
      models.map((m) => m.id),
      ['gpt-x-1', 'gpt-x-2'],
    )
    const req = h.fake.requests.at(-1)
    assert.equal(req.method, 'GET')
    assert.equal(req.path, '/v1/models')
    assert.equal(req.headers.authorization, `Bearer ${KEY}`)
  })

  test('azure: GET /openai/models?api-version with the api-key header', T, async () => {
    h.fake.setModels('azure', ['gpt-4o-mini-deploy'])
    h.fake.clearRequests()
    const models = await list_models({
      provider: 'azure',
      api_base: h.fake.url,
      api_key: KEY,
      api_version: '2024-10-21',
    })
    assert.deepEqual(
      models.map((m) => m.id),
      ['gpt-4o-mini-deploy'],
    )
    const req = h.fake.requests.at(-1)
    assert.equal(req.path, '/openai/models')
    assert.equal(req.query['api-version'], '2024-10-21')
    assert.equal(req.headers['api-key'], KEY)
    assert.equal(req.headers.authorization, undefined)
  })

  test('anthropic: GET /v1/models with x-api-key and anthropic-version, display names', T, async () => {
    h.fake.setModels('anthropic', ['claude-test-1'])
    h.fake.clearRequests()
    const models = await list_models({ provider: 'anthropic', api_base: h.fake.url, api_key: KEY })
    assert.equal(models.length, 1)
    assert.equal(models[0].id, 'claude-test-1')
    assert.equal(typeof models[0].display_name, 'string')
    const req = h.fake.requests.at(-1)
    assert.equal(req.path, '/v1/models')
    assert.equal(req.headers['x-api-key'], KEY)
    assert.ok(req.headers['anthropic-version'])
    assert.equal(req.provider, 'anthropic')
  })

  test('gemini: GET /v1beta/models, ids without the models/ prefix, key in a header', T, async () => {
    h.fake.setModels('gemini', ['gemini-test-flash', 'gemini-test-pro'])
    h.fake.clearRequests()
    const models = await list_models({ provider: 'gemini', api_base: h.fake.url, api_key: KEY })
    assert.deepEqual(
      models.map((m) => m.id),
      ['gemini-test-flash', 'gemini-test-pro'],
    )
    const req = h.fake.requests.at(-1)
    assert.equal(req.path, '/v1beta/models')
    assert.equal(req.headers['x-goog-api-key'], KEY)
    assert.equal(req.query.key, undefined)
  })

  test('ollama: GET /api/tags, no key needed', T, async () => {
    h.fake.setModels('ollama', ['llama3.2:latest', 'qwen3:8b', 'phi4:14b'])
    h.fake.clearRequests()
    const models = await list_models({ provider: 'ollama', api_base: h.fake.url })
    assert.deepEqual(
      models.map((m) => m.id),
      ['llama3.2:latest', 'qwen3:8b', 'phi4:14b'],
    )
    assert.equal(h.fake.requests.at(-1).path, '/api/tags')
  })

  test('compatible family: groq lists through its /models', T, async () => {
    h.fake.setModels('openai', ['llama-x'])
    const models = await list_models({ provider: 'groq', api_base: `${h.fake.url}/v1`, api_key: KEY })
    assert.deepEqual(
      models.map((m) => m.id),
      ['llama-x'],
    )
  })

  test(
    'errors: bad key → AuthenticationError, unknown provider → BadRequestError, refused → APIConnectionError',
    T,
    async () => {
      await assert.rejects(
        list_models({ provider: 'openai', api_base: `${h.fake.url}/v1`, api_key: 'bad-key' }),
        llm.AuthenticationError,
      )
      await assert.rejects(list_models({ provider: 'nosuch' }), llm.BadRequestError)
      await assert.rejects(list_models(null), llm.BadRequestError)
      const port = await closedPort()
      await assert.rejects(
        list_models({ provider: 'ollama', api_base: `http://127.0.0.1:${port}` }),
        llm.APIConnectionError,
      )
    },
  )
})

describe('providers()', () => {
  const EXPECTED = {
    openai: ['open_ai', 'OPENAI_API_KEY', true],
    azure: ['azure', 'AZURE_API_KEY', true],
    anthropic: ['anthropic', 'ANTHROPIC_API_KEY', true],
    gemini: ['gemini', 'GEMINI_API_KEY', true],
    ollama: ['ollama', null, false],
    groq: ['open_ai', 'GROQ_API_KEY', true],
    together_ai: ['open_ai', 'TOGETHERAI_API_KEY', true],
    deepseek: ['open_ai', 'DEEPSEEK_API_KEY', true],
    xai: ['open_ai', 'XAI_API_KEY', true],
    mistral: ['open_ai', 'MISTRAL_API_KEY', true],
    openrouter: ['open_ai', 'OPENROUTER_API_KEY', true],
    fireworks_ai: ['open_ai', 'FIREWORKS_AI_API_KEY', true],
    perplexity: ['open_ai', 'PERPLEXITYAI_API_KEY', true],
    lm_studio: ['open_ai', 'LM_STUDIO_API_KEY', false],
    hosted_vllm: ['open_ai', 'HOSTED_VLLM_API_KEY', false],
  }

  test('lists all 15 providers with wire, key env var and base', () => {
    const list = providers()
    assert.equal(list.length, 15)
    assert.deepEqual(list.map((p) => p.name).sort(), Object.keys(EXPECTED).sort())
    for (const p of list) {
      const [wire, keyEnv, required] = EXPECTED[p.name]
      assert.equal(p.wire, wire, p.name)
      assert.equal(p.key_env, keyEnv, p.name)
      assert.equal(p.key_required, required, p.name)
      assert.equal(p.local, !required, `${p.name}: local servers need no key`)
      assert.ok(typeof p.label === 'string' && p.label.length > 0, p.name)
      assert.equal(typeof p.base_env, 'string')
      assert.match(p.base_env, /^[A-Z_]+_API_BASE$/)
      if (p.name !== 'azure') assert.match(p.default_base, /^https?:\/\//, p.name)
    }
    const byName = Object.fromEntries(list.map((p) => [p.name, p]))
    assert.equal(byName.openai.default_base, 'https://api.openai.com/v1')
    assert.deepEqual(
      ['openai', 'gemini', 'hosted_vllm', 'together_ai'].map((n) => byName[n].label),
      ['OpenAI', 'Google Gemini', 'vLLM', 'Together AI'],
    )
    assert.equal(byName.anthropic.default_base, 'https://api.anthropic.com')
    assert.equal(byName.groq.default_base, 'https://api.groq.com/openai/v1')
    assert.equal(byName.ollama.default_base, 'http://localhost:11434')
  })

  test('returns copies: mutating the result does not change the next call', () => {
    const a = providers()
    a[0].name = 'mutated'
    a.pop()
    const b = providers()
    assert.equal(b.length, 15)
    assert.notEqual(b[0].name, 'mutated')
  })
})

describe('warm()', () => {
  test('against the fake → ok, and the next call reuses the connection', T, async () => {
    const fake = await startFakeProvider({ port: 0 })
    try {
      const w = await warm({ model: 'openai/gpt-4o-mini', api_base: `${fake.url}/v1`, api_key: KEY })
      assert.equal(w.ok, true, JSON.stringify(w))
      assert.equal(typeof w.ms, 'number')
      assert.equal(w.error, undefined)
      const r = await completion({
        model: 'openai/gpt-4o-mini',
        messages: MSG,
        api_base: `${fake.url}/v1`,
        api_key: KEY,
      })
      assert.equal(r._timing.reused_connection, true, 'the warmed connection was reused')
      assert.equal(r._timing.connect_ms, null)
    } finally {
      await fake.close()
    }
  })

  test('each wire warms against the fake', T, async () => {
    for (const [model, base, extra] of [
      ['anthropic/claude-sonnet-4-0', h.fake.url],
      ['gemini/gemini-2.0-flash', h.fake.url],
      ['ollama/llama3.2', h.fake.url],
      ['azure/my-dep', h.fake.url, { api_version: '2024-10-21' }],
    ]) {
      const w = await warm({ model, api_base: base, api_key: KEY, ...extra })
      assert.equal(w.ok, true, `${model}: ${JSON.stringify(w)}`)
    }
  })

  test('a closed port → ok:false with an error, never throws', T, async () => {
    const port = await closedPort()
    const w = await warm({ model: 'openai/gpt-4o-mini', api_base: `http://127.0.0.1:${port}/v1`, api_key: KEY })
    assert.equal(w.ok, false)
    assert.equal(typeof w.error, 'string')
    assert.ok(w.error.length > 0)
    assert.equal(typeof w.ms, 'number')
  })

  test('warm() with the wrong shape → BadRequestError', async () => {
    await assert.rejects(warm({}), llm.BadRequestError)
  })
})

describe('module systems', () => {
  test('ESM named exports, default export and CJS require are one module', () => {
    const cjs = createRequire(import.meta.url)('@edgequake/llm')
    assert.equal(typeof llm.completion, 'function')
    assert.equal(llmDefault, cjs)
    assert.equal(llm.completion, cjs.completion)
    assert.equal(llm.RateLimitError, cjs.RateLimitError)
    for (const name of [
      'completion',
      'acompletion',
      'stream_chunk_builder',
      'list_models',
      'providers',
      'warm',
      'EdgeQuakeLLMError',
      'BadRequestError',
      'ContextWindowExceededError',
      'ContentPolicyViolationError',
      'AuthenticationError',
      'PermissionDeniedError',
      'NotFoundError',
      'Timeout',
      'UnprocessableEntityError',
      'RateLimitError',
      'InternalServerError',
      'ServiceUnavailableError',
      'APIConnectionError',
      'AbortError',
    ]) {
      assert.ok(name in llm, `ESM export ${name}`)
      assert.equal(llm[name], cjs[name], name)
    }
  })

  test('error class hierarchy', () => {
    assert.ok(new llm.ContextWindowExceededError('x') instanceof llm.BadRequestError)
    assert.ok(new llm.ContentPolicyViolationError('x') instanceof llm.BadRequestError)
    for (const C of [llm.RateLimitError, llm.Timeout, llm.APIConnectionError, llm.AbortError]) {
      const e = new C('m')
      assert.ok(e instanceof llm.EdgeQuakeLLMError)
      assert.ok(e instanceof Error)
      assert.equal(e.name, C.name)
      assert.equal(e.status_code, null)
      assert.equal(e.retryable, false)
    }
  })

  for (const [kind, code] of [
    [
      'cjs',
      "const { completion } = require('@edgequake/llm'); completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], mock_response: 'cjs ok' }).then((r) => console.log(r.choices[0].message.content))",
    ],
    [
      'esm',
      "import { completion } from '@edgequake/llm'; const r = await completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], mock_response: 'esm ok' }); console.log(r.choices[0].message.content)",
    ],
  ]) {
    test(`a fresh ${kind} process can load and call it`, { timeout: 10_000 }, () => {
      const args = kind === 'esm' ? ['--input-type=module', '-e', code] : ['-e', code]
      const out = spawnSync(process.execPath, args, {
        cwd: new URL('../..', import.meta.url),
        encoding: 'utf8',
        timeout: 8000,
      })
      assert.equal(out.status, 0, out.stderr)
      assert.equal(out.stdout.trim(), `${kind} ok`)
    })
  }
})
