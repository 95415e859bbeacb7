// Wire formats, errors, auth, models and the control API of the fake
// provider, checked by parsing the bytes it sends. Faults and quirks are in
// fake-provider-faults.test.mjs.

import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { startFakeProvider } from './server.mjs'
import { parseNdjson, parseSse, send } from './wire-client.mjs'
import { call, KEY, WIRES, wire } from './wires.mjs'

/** @type {import('./server.mjs').FakeProvider} */
let fake
before(async () => {
  fake = await startFakeProvider({ port: 0 })
})
after(() => fake.close())
beforeEach(() => fake.reset())

const defaultText = (/** @type {string} */ p) => `Hello from the fake ${p} provider, deterministic reply.`
const RICH = {
  reasoning: ['Think', 'ing…'],
  text: 'Héllo wörld, 你好 🌍!',
  tool_calls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' }],
  usage: { prompt_tokens: 11, completion_tokens: 5 },
}

describe('every wire', () => {
  for (const w of WIRES) {
    test(`${w.name}: default stream and non-stream replies`, async () => {
      const s = await call(fake.url, w)
      assert.equal(s.status, 200, s.text)
      const d = w.decode(s.text)
      assert.equal(d.text, defaultText(w.name))
      assert.equal(d.contentChunks, 8)
      assert.deepEqual(d.errors, [])
      const n = await call(fake.url, w, { stream: false })
      assert.equal(n.status, 200, n.text)
      assert.match(n.headers['content-type'] ?? '', /json/)
      assert.equal(w.textOf(JSON.parse(n.text)), defaultText(w.name))
      assert.equal(fake.requests.length, 2)
      assert.equal(fake.requests[0].provider, w.name)
    })

    test(`${w.name}: reasoning, tool calls and usage stream through`, async () => {
      const d = w.decode((await call(fake.url, w, { script: RICH })).text)
      assert.equal(d.text, RICH.text)
      assert.equal(d.reasoning, 'Thinking…')
      assert.equal(d.tools.length, 1)
      assert.equal(d.tools[0].name, 'get_weather')
      assert.deepEqual(JSON.parse(d.tools[0].arguments), { city: 'Paris', unit: 'c' })
    })

    test(`${w.name}: scripted 429 uses the provider's error body and headers`, async () => {
      const r = await call(fake.url, w, { script: { status: 429, headers: { 'retry-after': '0' } } })
      assert.equal(r.status, 429)
      assert.equal(r.headers['retry-after'], '0')
      const j = JSON.parse(r.text)
      if (w.name === 'anthropic')
        assert.deepEqual(j, { type: 'error', error: { type: 'rate_limit_error', message: j.error.message } })
      else if (w.name === 'gemini') assert.equal(j.error.status, 'RESOURCE_EXHAUSTED')
      else if (w.name === 'ollama') assert.equal(typeof j.error, 'string')
      else assert.deepEqual(Object.keys(j.error).sort(), ['code', 'message', 'param', 'type'])
    })
  }
})

describe('openai wire', () => {
  test('chunk envelope, include_usage and [DONE]', async () => {
    const r = await call(fake.url, wire('openai'), { body: { stream_options: { include_usage: true } } })
    const events = parseSse(r.text)
    assert.equal(events.at(-1)?.data, '[DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data))
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '' })
    for (const c of chunks) {
      assert.equal(c.id, chunks[0].id)
      assert.equal(c.object, 'chat.completion.chunk')
      assert.equal(c.model, 'gpt-4o-mini')
      assert.equal(typeof c.created, 'number')
    }
    const usageChunk = chunks.at(-1)
    assert.deepEqual(usageChunk.choices, [])
    assert.deepEqual(usageChunk.usage, {
      prompt_tokens: 3,
      completion_tokens: 8,
      total_tokens: 11,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    })
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null && c.choices[0].logprobs === null))
    assert.deepEqual(chunks.at(-2).choices[0], { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' })
    const plain = await call(fake.url, wire('openai'))
    assert.ok(
      parseSse(plain.text)
        .slice(0, -1)
        .every((e) => !('usage' in JSON.parse(e.data))),
    )
  })

  test('reasoning field variants, finish mapping and non-stream usage', async () => {
    const r = await call(fake.url, wire('openai'), {
      script: { reasoning: ['a'], reasoning_field: 'reasoning', finish_reason: 'length' },
    })
    assert.ok(r.text.includes('"delta":{"reasoning":"a"}'))
    assert.equal(wire('openai').decode(r.text).finish, 'length')
    const m = await call(fake.url, wire('openai'), { script: { native_finish_reason: 'model_length' } })
    assert.equal(wire('openai').decode(m.text).finish, 'model_length')
    const n = JSON.parse((await call(fake.url, wire('openai'), { stream: false, script: RICH })).text)
    assert.equal(n.object, 'chat.completion')
    assert.equal(n.choices[0].finish_reason, 'tool_calls')
    assert.equal(n.choices[0].message.reasoning_content, 'Thinking…')
    assert.equal(n.usage.total_tokens, 16)
  })

  test('tool call fragments: id and name first, arguments in pieces', async () => {
    const r = await call(fake.url, wire('openai'), { script: { tool_calls: RICH.tool_calls } })
    const frags = parseSse(r.text)
      .filter((e) => e.data.includes('tool_calls":['))
      .map((e) => JSON.parse(e.data).choices[0].delta.tool_calls[0])
    assert.deepEqual(frags[0], {
      index: 0,
      id: 'call_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    })
    assert.equal(frags.length, 4)
  })

  test('any base prefix routes to the openai wire', async () => {
    for (const prefix of ['', '/openai/v1', '/inference/v1', '/api/v1']) {
      const r = await send(fake.url, {
        path: `${prefix}/chat/completions`,
        headers: wire('openai').headers,
        body: wire('openai').body(false),
      })
      assert.equal(r.status, 200, prefix)
    }
  })

  test('azure: filter chunk first, api-version required', async () => {
    const events = parseSse((await call(fake.url, wire('azure'))).text)
    const first = JSON.parse(events[0].data)
    assert.deepEqual(first.choices, [])
    assert.ok(first.prompt_filter_results[0].content_filter_results)
    assert.ok(JSON.parse(events[2].data).choices[0].content_filter_results)
    const noVersion = await send(fake.url, {
      path: '/openai/deployments/d/chat/completions',
      headers: { 'api-key': KEY },
      body: {},
    })
    assert.equal(noVersion.status, 404)
    assert.equal(JSON.parse(noVersion.text).error.code, '404')
  })
})

describe('anthropic wire', () => {
  test('event sequence with thinking, text, tool_use and pings', async () => {
    const r = await call(fake.url, wire('anthropic'), { script: { ...RICH, finish_reason: 'length' } })
    const names = parseSse(r.text).map((e) => e.event)
    assert.deepEqual(names.slice(0, 3), ['message_start', 'ping', 'content_block_start'])
    assert.deepEqual(names.slice(-2), ['message_delta', 'message_stop'])
    assert.ok(names.filter((n) => n === 'ping').length >= 2)
    assert.ok(r.text.includes('"signature_delta"'))
    const d = wire('anthropic').decode(r.text)
    assert.equal(d.finish, 'max_tokens')
    assert.equal(d.usage.input_tokens, 11)
    assert.equal(d.usage.output_tokens, 5)
  })

  test('validation: max_tokens, system role, version header', async () => {
    const w = wire('anthropic')
    /** @param {object} body @param {Record<string,string>} [headers] */
    const bad = async (body, headers) => {
      const r = await call(fake.url, w, { body, headers })
      assert.equal(r.status, 400)
      return JSON.parse(r.text)
    }
    assert.equal((await bad({ max_tokens: undefined })).error.type, 'invalid_request_error')
    assert.match((await bad({ messages: [{ role: 'system', content: 'x' }] })).error.message, /system/)
    const v = await send(fake.url, { path: '/v1/messages', headers: { 'x-api-key': KEY }, body: w.body(false) })
    assert.equal(v.status, 400)
  })

  test('529 overloaded and stop_reason mapping in non-stream', async () => {
    const r = await call(fake.url, wire('anthropic'), { script: { status: 529 } })
    assert.equal(JSON.parse(r.text).error.type, 'overloaded_error')
    const n = JSON.parse((await call(fake.url, wire('anthropic'), { stream: false, script: RICH })).text)
    assert.equal(n.type, 'message')
    assert.deepEqual(
      n.content.map((/** @type {any} */ b) => b.type),
      ['thinking', 'text', 'tool_use'],
    )
    assert.equal(n.stop_reason, 'tool_use')
    assert.deepEqual(n.content[2].input, { city: 'Paris', unit: 'c' })
  })
})

describe('gemini wire', () => {
  test('CRLF events, cumulative usage, no [DONE], finishReason last', async () => {
    const r = await call(fake.url, wire('gemini'), { script: { ...RICH, finish_reason: 'content_filter' } })
    assert.ok(r.text.includes('\r\n\r\n'))
    assert.ok(!r.text.includes('[DONE]'))
    const events = parseSse(r.text).map((e) => JSON.parse(e.data))
    const counts = events.map((e) => e.usageMetadata.candidatesTokenCount)
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
    )
    assert.equal(events.at(-1).candidates[0].finishReason, 'SAFETY')
    assert.equal(events.at(-1).usageMetadata.totalTokenCount, 11 + 5 + 2)
    assert.equal(events[0].candidates[0].content.parts[0].thought, true)
  })

  test('role validation, ?key= auth, JSON-array stream without alt=sse', async () => {
    const body = { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }
    const r = await call(fake.url, wire('gemini'), { body })
    assert.equal(r.status, 400)
    assert.equal(JSON.parse(r.text).error.status, 'INVALID_ARGUMENT')
    const q = await send(fake.url, {
      path: '/v1beta/models/gemini-2.5-pro:generateContent?key=k',
      body: wire('gemini').body(false),
    })
    assert.equal(q.status, 200)
    assert.equal(JSON.parse(q.text).modelVersion, 'gemini-2.5-pro')
    const arr = await send(fake.url, {
      path: '/v1beta/models/g:streamGenerateContent?key=k',
      body: wire('gemini').body(true),
    })
    assert.equal(JSON.parse(arr.text).at(-1).candidates[0].finishReason, 'STOP')
  })
})

describe('ollama wire', () => {
  test('NDJSON lines, stream by default, final statistics', async () => {
    const r = await send(fake.url, {
      path: '/api/chat',
      body: { model: 'llama3.2', messages: [] },
      script: { chunk_delay_ms: 5 },
    })
    assert.equal(r.headers['content-type'], 'application/x-ndjson')
    const last = parseNdjson(r.text).at(-1)
    assert.equal(last.done, true)
    assert.equal(last.done_reason, 'stop')
    assert.equal(last.eval_count, 8)
    // Eight chunks 5 ms apart: the reported decode time reflects the real pacing.
    assert.ok(last.eval_duration >= 30e6, String(last.eval_duration))
    for (const k of ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration'])
      assert.equal(typeof last[k], 'number')
    const n = JSON.parse((await call(fake.url, wire('ollama'), { stream: false, script: RICH })).text)
    assert.deepEqual(n.message.tool_calls[0].function.arguments, { city: 'Paris', unit: 'c' })
    assert.equal(n.message.thinking, 'Thinking…')
  })
})

describe('auth', () => {
  for (const w of WIRES.filter((x) => x.name !== 'ollama')) {
    test(`${w.name}: missing and bad keys are rejected in the provider's format`, async () => {
      const strip = Object.fromEntries(Object.entries(w.headers).filter(([k]) => k === 'anthropic-version'))
      const missing = await send(fake.url, { path: w.path(true), headers: strip, body: w.body(true) })
      assert.equal(missing.status, 401)
      const badHeaders = Object.fromEntries(
        Object.entries(w.headers).map(([k, v]) => [k, k === 'anthropic-version' ? v : v.replace(KEY, 'bad-key')]),
      )
      const bad = await send(fake.url, { path: w.path(true), headers: badHeaders, body: w.body(true) })
      const j = JSON.parse(bad.text)
      if (w.name === 'openai') assert.equal(j.error.code, 'invalid_api_key')
      if (w.name === 'anthropic') assert.equal(j.error.type, 'authentication_error')
      if (w.name === 'gemini') assert.equal(j.error.details[0].reason, 'API_KEY_INVALID')
      assert.equal(bad.status, w.name === 'gemini' ? 400 : 401)
    })
  }

  test('skip_auth accepts keyless calls (local OpenAI-compatible servers)', async () => {
    fake.setDefaultScript({ skip_auth: true })
    const r = await send(fake.url, { path: '/v1/chat/completions', body: wire('openai').body(false) })
    assert.equal(r.status, 200)
  })
})

describe('models', () => {
  test('each provider lists models in its own shape', async () => {
    const oa = JSON.parse(
      (await send(fake.url, { method: 'GET', path: '/v1/models', headers: { authorization: `Bearer ${KEY}` } })).text,
    )
    assert.equal(oa.object, 'list')
    assert.deepEqual(Object.keys(oa.data[0]).sort(), ['created', 'id', 'object', 'owned_by'])
    const an = JSON.parse(
      (await send(fake.url, { method: 'GET', path: '/v1/models', headers: wire('anthropic').headers })).text,
    )
    assert.equal(an.data[0].type, 'model')
    assert.equal(an.has_more, false)
    const ge = JSON.parse((await send(fake.url, { method: 'GET', path: '/v1beta/models?key=k' })).text)
    assert.match(ge.models[0].name, /^models\/gemini-/)
    fake.setModels('ollama', ['mistral:7b'])
    const ol = JSON.parse((await send(fake.url, { method: 'GET', path: '/api/tags' })).text)
    assert.deepEqual(
      ol.models.map((/** @type {any} */ m) => m.name),
      ['mistral:7b'],
    )
    const unauth = await send(fake.url, { method: 'GET', path: '/v1/models' })
    assert.equal(unauth.status, 401)
  })
})

describe('scripts and control API', () => {
  test('header script beats per-model script beats default', async () => {
    const w = wire('openai')
    fake.setDefaultScript({ text: 'default' })
    fake.setModelScript('gpt-4o-mini', { text: 'per model' })
    assert.equal(w.decode((await call(fake.url, w)).text).text, 'per model')
    assert.equal(w.decode((await call(fake.url, w, { script: { text: 'header' } })).text).text, 'header')
    assert.equal(w.decode((await call(fake.url, w, { body: { model: 'other' } })).text).text, 'default')
    const r = await call(fake.url, w, { headers: { 'x-fake-script': '{nope' } })
    assert.equal(r.status, 400)
  })

  test('fail_first fails N times per id, then succeeds; reset clears the counter', async () => {
    const w = wire('anthropic')
    const script = { id: 'retry-1', fail_first: 2, status: 529 }
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await call(fake.url, w, { script })).status)
    assert.deepEqual(statuses, [529, 529, 200])
    fake.reset()
    assert.equal((await call(fake.url, w, { script })).status, 529)
  })

  test('HTTP control endpoints drive the same state', async () => {
    /** @param {string} method @param {string} path @param {unknown} [body] */
    const ctl = (method, path, body) => send(fake.url, { method, path: `/__control/${path}`, body })
    assert.equal((await ctl('PUT', 'default', { text: 'from control' })).status, 200)
    await ctl('PUT', `scripts/${encodeURIComponent('llama3.2')}`, { text: 'llama says' })
    const w = wire('openai')
    assert.equal(w.decode((await call(fake.url, w)).text).text, 'from control')
    assert.equal(wire('ollama').decode((await call(fake.url, wire('ollama'))).text).text, 'llama says')
    const log = JSON.parse((await ctl('GET', 'requests')).text)
    assert.deepEqual(
      log.map((/** @type {any} */ e) => e.provider),
      ['openai', 'ollama'],
    )
    assert.equal(log[0].headers.authorization, `Bearer ${KEY}`)
    assert.equal(log[0].body.model, 'gpt-4o-mini')
    await ctl('DELETE', 'scripts')
    assert.equal(w.decode((await call(fake.url, w)).text).text, defaultText('openai'))
    await ctl('DELETE', 'requests')
    assert.equal(fake.requests.length, 0)
    await ctl('PUT', 'models/openai', ['only-one'])
    const models = JSON.parse((await send(fake.url, { method: 'GET', path: '/v1/models', headers: w.headers })).text)
    assert.deepEqual(
      models.data.map((/** @type {any} */ m) => m.id),
      ['only-one'],
    )
    await ctl('POST', 'reset')
    assert.equal(fake.requests.length, 0)
    assert.equal((await ctl('GET', 'nope')).status, 404)
  })

  test('unknown routes answer 404 JSON and are logged without a provider', async () => {
    const r = await send(fake.url, { path: '/v1/nowhere', body: {} })
    assert.equal(r.status, 404)
    assert.match(JSON.parse(r.text).error.message, /Invalid URL/)
    assert.equal(fake.requests[0].provider, null)
    assert.deepEqual(fake.requests[0].query, {})
  })
})
