// The providers' other wire shapes the fake scripts (README "Scripts"): Mistral's
// thinking chunks and content-part arrays, OpenRouter's reasoning_details, Groq's
// x_groq usage, Anthropic's whole tool input and thinking tokens, Gemini's
// toolUsePromptTokenCount and streamed function-call arguments. Checked on the bytes.

import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { startFakeProvider } from './server.mjs'
import { parseSse } from './wire-client.mjs'
import { call, wire } from './wires.mjs'

/** @type {import('./server.mjs').FakeProvider} */
let fake
before(async () => {
  fake = await startFakeProvider({ port: 0 })
})
after(() => fake.close())
beforeEach(() => fake.reset())

/** @param {string} raw @returns {any[]} */
const events = (raw) =>
  parseSse(raw)
    .filter((e) => e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data))

const deltas = (/** @type {string} */ raw) => events(raw).flatMap((j) => (j.choices?.[0] ? [j.choices[0].delta] : []))

const openai = wire('openai')
const withUsage = { stream_options: { include_usage: true } }

describe('OpenAI-compatible variants', () => {
  test('thinking_chunks: Mistral thinking chunks inside content arrays, streamed and whole', async () => {
    const script = { reasoning: ['Je ', 'pense'], text: 'Réponse 4', reasoning_field: 'thinking_chunks' }
    const ds = deltas((await call(fake.url, openai, { script })).text)
    const arrays = ds.filter((d) => Array.isArray(d.content))
    assert.deepEqual(
      arrays.map((d) => d.content),
      [
        [{ type: 'thinking', thinking: [{ type: 'text', text: 'Je ' }] }],
        [{ type: 'thinking', thinking: [{ type: 'text', text: 'pense' }] }],
      ],
    )
    assert.equal(
      ds
        .filter((d) => typeof d.content === 'string')
        .map((d) => d.content)
        .join(''),
      'Réponse 4',
    )
    const whole = JSON.parse((await call(fake.url, openai, { script, stream: false })).text)
    assert.deepEqual(whole.choices[0].message.content, [
      { type: 'thinking', thinking: [{ type: 'text', text: 'Je pense' }] },
      { type: 'text', text: 'Réponse 4' },
    ])
  })

  test('content_parts: content as arrays of text parts', async () => {
    const script = { text: 'a b', content_parts: true }
    const ds = deltas((await call(fake.url, openai, { script })).text).filter((d) => Array.isArray(d.content))
    assert.deepEqual(
      ds.map((d) => d.content),
      [[{ type: 'text', text: 'a' }], [{ type: 'text', text: ' b' }]],
    )
    const whole = JSON.parse((await call(fake.url, openai, { script, stream: false })).text)
    assert.deepEqual(whole.choices[0].message.content, [{ type: 'text', text: 'a b' }])
  })

  test('reasoning_details: OpenRouter items only, with an encrypted one', async () => {
    const script = { reasoning: ['r1', 'r2'], text: 'ok', reasoning_field: 'reasoning_details', signature: 'enc' }
    const ds = deltas((await call(fake.url, openai, { script })).text).filter((d) => d.reasoning_details)
    assert.ok(ds.every((d) => d.reasoning == null && d.reasoning_content === undefined))
    assert.deepEqual(
      ds.flatMap((d) => d.reasoning_details).map((x) => [x.type, x.text ?? x.data]),
      [
        ['reasoning.text', 'r1'],
        ['reasoning.text', 'r2'],
        ['reasoning.encrypted', 'enc'],
      ],
    )
    const whole = JSON.parse((await call(fake.url, openai, { script, stream: false })).text)
    const message = whole.choices[0].message
    assert.equal(message.reasoning_details[0].text, 'r1r2')
    assert.equal('reasoning' in message || 'reasoning_content' in message, false)
  })

  test('usage_field x_groq: usage on the finish chunk, no usage chunk', async () => {
    const script = { text: 'hi', usage_field: 'x_groq', usage: { prompt_tokens: 7, completion_tokens: 1 } }
    const js = events((await call(fake.url, openai, { script, body: withUsage })).text)
    assert.equal(
      js.some((j) => j.usage),
      false,
    )
    const last = js.at(-1)
    assert.equal(last.choices[0].finish_reason, 'stop')
    assert.deepEqual([last.x_groq.usage.prompt_tokens, last.x_groq.usage.completion_tokens], [7, 1])
  })
})

describe('Anthropic variants', () => {
  const anthropic = wire('anthropic')

  test('tool_input start: the whole input in content_block_start, no deltas', async () => {
    const script = { tool_calls: [{ id: 'toolu_1', name: 'f', arguments: '{"city":"Zürich"}' }], tool_input: 'start' }
    const js = events((await call(fake.url, anthropic, { script })).text)
    const start = js.find((j) => j.type === 'content_block_start')
    assert.deepEqual(start.content_block.input, { city: 'Zürich' })
    assert.equal(
      js.some((j) => j.delta?.type === 'input_json_delta'),
      false,
    )
  })

  test('thinking tokens in output_tokens_details, streamed and whole', async () => {
    const script = { reasoning: ['a', 'b'], text: 'ok', usage: { completion_tokens: 9, reasoning_tokens: 6 } }
    const js = events((await call(fake.url, anthropic, { script })).text)
    const delta = js.find((j) => j.type === 'message_delta')
    assert.deepEqual(delta.usage, { output_tokens: 9, output_tokens_details: { thinking_tokens: 6 } })
    const whole = JSON.parse((await call(fake.url, anthropic, { script, stream: false })).text)
    assert.equal(whole.usage.output_tokens_details.thinking_tokens, 6)
    const plain = events((await call(fake.url, anthropic, { script: { text: 'ok' } })).text)
    assert.equal(plain.find((j) => j.type === 'message_delta').usage.output_tokens_details, undefined)
  })
})

describe('Gemini variants', () => {
  const gemini = wire('gemini')

  test('tool_use_prompt_tokens: counted in totalTokenCount', async () => {
    const script = { text: 'x', tool_use_prompt_tokens: 5, usage: { prompt_tokens: 10, completion_tokens: 2 } }
    const usage = events((await call(fake.url, gemini, { script })).text).at(-1).usageMetadata
    assert.deepEqual([usage.toolUsePromptTokenCount, usage.totalTokenCount], [5, 17])
    const whole = JSON.parse((await call(fake.url, gemini, { script, stream: false })).text)
    assert.deepEqual([whole.usageMetadata.toolUsePromptTokenCount, whole.usageMetadata.totalTokenCount], [5, 17])
  })

  test('stream_function_call_args: name, partialArgs pieces, empty close', async () => {
    const args = { room: 'Salle à manger', level: 50, on: true, tags: ['a'], 'dry run': null }
    const script = {
      tool_calls: [{ name: 'set_light', arguments: JSON.stringify(args) }],
      stream_function_call_args: true,
    }
    const calls = events((await call(fake.url, gemini, { script })).text).flatMap((j) =>
      (j.candidates[0].content?.parts ?? []).filter((p) => p.functionCall).map((p) => p.functionCall),
    )
    assert.deepEqual(calls[0], { name: 'set_light', willContinue: true })
    assert.deepEqual(calls.at(-1), {})
    const pieces = calls.slice(1, -1).flatMap((c) => c.partialArgs)
    assert.deepEqual(
      pieces.filter((p) => p.jsonPath === '$.room').map((p) => [p.stringValue, p.willContinue ?? false]),
      [
        ['Salle à', true],
        [' manger', false],
      ],
    )
    assert.deepEqual(
      pieces.filter((p) => p.jsonPath !== '$.room'),
      [
        { jsonPath: '$.level', numberValue: 50 },
        { jsonPath: '$.on', boolValue: true },
        { jsonPath: '$.tags[0]', stringValue: 'a' },
        { jsonPath: "$['dry run']", nullValue: 'NULL_VALUE' },
      ],
    )
  })
})
