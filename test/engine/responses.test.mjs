// The Responses API: responses() (OpenAI's shapes, semantic events passed on)
// and completion() on `openai/responses/<model>` bridged into chat chunks, with
// reasoning summaries as reasoning_content. TTFT is the first text or reasoning
// delta, never `response.created`.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion, responses, stream_chunk_builder } from '@edgequake/llm'
import { chatRequests, collect, failure, fakePerFile, KEY, T } from './helpers.mjs'

const h = fakePerFile()

const SCRIPT = {
  reasoning: ['Let me', ' think.'],
  text: 'The answer is 42.',
  usage: { prompt_tokens: 7, completion_tokens: 5, reasoning_tokens: 2, cached_tokens: 3 },
}

const base = () => ({ api_base: `${h.fake.url}/v1`, api_key: KEY })
const azure = () => ({ api_base: h.fake.url, api_key: KEY, api_version: '2025-04-01-preview' })
const script = (s) => ({ extra_headers: { 'x-fake-script': JSON.stringify(s) } })

describe('responses()', () => {
  test('whole: the response object as sent, with _timing; request in OpenAI’s shapes', T, async () => {
    const r = await responses({
      model: 'openai/o4-mini',
      input: [{ role: 'user', content: 'What is 6 × 7?' }],
      instructions: 'Be brief.',
      reasoning: { effort: 'low', summary: 'auto' },
      previous_response_id: 'resp_prev',
      ...base(),
      ...script(SCRIPT),
    })
    assert.equal(r.object, 'response')
    assert.equal(r.status, 'completed')
    assert.deepEqual(
      r.output.map((o) => o.type),
      ['reasoning', 'message'],
    )
    assert.equal(r.output[1].content[0].text, 'The answer is 42.')
    assert.equal(r.usage.output_tokens_details.reasoning_tokens, 2)
    assert.equal(r._provider, 'openai')
    assert.equal(r._timing.output_tokens, 7)
    const req = chatRequests(h.fake).at(-1)
    assert.equal(req.path, '/v1/responses')
    assert.deepEqual(req.body.reasoning, { effort: 'low', summary: 'auto' })
    assert.equal(req.body.previous_response_id, 'resp_prev')
    assert.equal(req.body.instructions, 'Be brief.')
    assert.equal(req.body.model, 'o4-mini')
    assert.equal('api_key' in req.body || 'api_base' in req.body || 'extra_headers' in req.body, false)
  })

  test('stream: every semantic event in order with _arrival_ms, then usage and timing', T, async () => {
    const s = await responses({ model: 'openai/o4-mini', input: 'hi', stream: true, ...base(), ...script(SCRIPT) })
    const events = []
    for await (const e of s) events.push(e)
    const types = events.map((e) => e.type)
    assert.equal(types[0], 'response.created')
    assert.equal(types.at(-1), 'response.completed')
    assert.equal(
      events
        .filter((e) => e.type === 'response.output_text.delta')
        .map((e) => e.delta)
        .join(''),
      'The answer is 42.',
    )
    assert.equal(
      events
        .filter((e) => e.type === 'response.reasoning_summary_text.delta')
        .map((e) => e.delta)
        .join(''),
      'Let me think.',
    )
    for (const e of events) assert.equal(typeof e._arrival_ms, 'number')
    assert.deepEqual(
      events.map((e) => e.sequence_number),
      events.map((_, i) => i),
      'nothing dropped or reordered',
    )
    assert.equal(s.usage.prompt_tokens, 7)
    assert.equal(s.usage.prompt_tokens_details.cached_tokens, 3)
    assert.equal(s.timing.output_tokens, 7)
  })

  test('azure: /openai/responses?api-version with the api-key header', T, async () => {
    const r = await responses({ model: 'azure/my-dep', input: 'hi', ...azure(), ...script({ text: 'ok' }) })
    assert.equal(r.output[0].content[0].text, 'ok')
    const req = chatRequests(h.fake).at(-1)
    assert.equal(req.path, '/openai/responses')
    assert.equal(req.query['api-version'], '2025-04-01-preview')
    assert.equal(req.headers['api-key'], KEY)
  })

  test('typos fail, unknown names pass, other wires are refused', T, async () => {
    const typo = await failure(responses({ model: 'openai/o4-mini', input: 'x', instructons: 'y', ...base() }))
    assert.match(typo.message, /did you mean `instructions`/)
    await responses({
      model: 'openai/o4-mini',
      input: 'x',
      brand_new_option: { a: 1 },
      ...base(),
      ...script({ text: 'ok' }),
    })
    assert.deepEqual(chatRequests(h.fake).at(-1).body.brand_new_option, { a: 1 })
    const wrong = await failure(responses({ model: 'anthropic/claude-sonnet-4-0', input: 'x', ...base() }))
    assert.equal(wrong.name, 'BadRequestError')
    assert.match(wrong.message, /Responses API/)
    const err = await failure(responses({ model: 'openai/o4-mini', input: 'x', ...base(), ...script({ status: 429 }) }))
    assert.equal(err.name, 'RateLimitError')
  })
})

describe('completion() bridged onto the Responses API', () => {
  test('stream: chat chunks with reasoning_content; TTFT is the first delta, not response.created', T, async () => {
    const s = await completion({
      model: 'openai/responses/o4-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is 6 × 7?' },
      ],
      reasoning_effort: 'low',
      stream: true,
      ...base(),
      ...script({ ...SCRIPT, first_token_delay_ms: 150 }),
    })
    const r = await collect(s)
    assert.equal(r.reasoning, 'Let me think.')
    assert.equal(r.text, 'The answer is 42.')
    assert.equal(r.finish, 'stop')
    for (const c of r.chunks) assert.equal(c.object, 'chat.completion.chunk')
    assert.match(r.chunks[0].id, /^resp_fake_\d+$/, 'the response id is the chunk id')
    const t = s.timing
    // response.created came with the headers; the first delta 150 ms later.
    assert.ok(t.first_event_ms < t.first_token_ms)
    assert.ok(t.first_token_ms - t.headers_ms >= 140, `${t.first_token_ms} vs headers ${t.headers_ms}`)
    assert.equal(t.output_tokens, 7)
    const req = chatRequests(h.fake).at(-1)
    assert.equal(req.path, '/v1/responses')
    assert.deepEqual(req.body.reasoning, { effort: 'low', summary: 'auto' })
    assert.deepEqual(req.body.input[0], { role: 'system', content: 'Be brief.' })
    assert.equal(stream_chunk_builder(r.chunks).choices[0].message.reasoning_content, 'Let me think.')
  })

  test('tool calls round-trip as chat tool calls; whole replies too', T, async () => {
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }]
    const calls = { tool_calls: [{ id: 'call_9', name: 'lookup', arguments: '{"q":"x"}' }] }
    const s = await completion({
      model: 'openai/responses/gpt-5',
      messages: [{ role: 'user', content: 'go' }],
      tools,
      stream: true,
      ...base(),
      ...script(calls),
    })
    const built = stream_chunk_builder((await collect(s)).chunks)
    assert.deepEqual(built.choices[0].message.tool_calls, [
      { id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
    ])
    assert.equal(built.choices[0].finish_reason, 'tool_calls')
    assert.deepEqual(chatRequests(h.fake).at(-1).body.tools, [
      { type: 'function', name: 'lookup', parameters: { type: 'object' } },
    ])
    const whole = await completion({
      model: 'openai/responses/gpt-5',
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, tool_calls: built.choices[0].message.tool_calls },
        { role: 'tool', tool_call_id: 'call_9', content: '42' },
      ],
      ...base(),
      ...script(SCRIPT),
    })
    assert.equal(whole.choices[0].message.content, 'The answer is 42.')
    assert.equal(whole.choices[0].message.reasoning_content, 'Let me think.')
    assert.deepEqual(whole.usage.completion_tokens_details, { reasoning_tokens: 2 })
    const input = chatRequests(h.fake).at(-1).body.input
    assert.deepEqual(input.slice(1), [
      { type: 'function_call', call_id: 'call_9', name: 'lookup', arguments: '{"q":"x"}' },
      { type: 'function_call_output', call_id: 'call_9', output: '42' },
    ])
  })

  test('a Responses-only model is bridged without the prefix; length and errors map', T, async () => {
    await completion({
      model: 'openai/o3-pro',
      messages: [{ role: 'user', content: 'x' }],
      ...base(),
      ...script({ text: 'ok' }),
    })
    assert.equal(chatRequests(h.fake).at(-1).path, '/v1/responses')
    const cut = await completion({
      model: 'openai/responses/o4-mini',
      messages: [{ role: 'user', content: 'x' }],
      ...base(),
      ...script({ text: 'partial', finish_reason: 'length' }),
    })
    assert.equal(cut.choices[0].finish_reason, 'length')
    const s = await completion({
      model: 'openai/responses/o4-mini',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      ...base(),
      ...script({ text: 'a b c', mid_stream_error_after: 1 }),
    })
    const chunks = []
    const err = await failure(
      (async () => {
        for await (const c of s) chunks.push(c)
      })(),
    )
    assert.equal(chunks.filter((c) => c.choices[0]?.delta.content).length, 1)
    assert.equal(err.name, 'InternalServerError')
  })
})
