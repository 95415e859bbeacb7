// The providers' other wire shapes, end to end through the fake provider: Mistral's
// thinking chunks and content-part arrays, OpenRouter's reasoning_details, Anthropic's
// whole tool input, usage in newer places (Anthropic thinking tokens, Groq's x_groq,
// Gemini's toolUsePromptTokenCount) and Gemini's streamed function-call arguments.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion, stream_chunk_builder } from '@edgequake/llm'
import { collect, fakePerFile, params, provider, T } from './helpers.mjs'

const h = fakePerFile()

const REASONING = ['Je ', 'réfléchis… ', '🧠']
const TEXT = 'La réponse est 42.'

/** Streams `script` from `p` and checks reasoning, then content, and the rebuilt message. */
async function assertReasoningThenText(p, script) {
  const r = await collect(await completion(params(p, h.fake, script, { stream: true })))
  assert.equal(r.reasoning, REASONING.join(''))
  assert.equal(r.text, TEXT)
  const firstContent = r.chunks.findIndex((c) => c.choices[0]?.delta.content)
  const lastReasoning = r.chunks.findLastIndex((c) => c.choices[0]?.delta.reasoning_content)
  assert.ok(lastReasoning < firstContent, 'reasoning precedes content')
  for (const c of r.chunks) {
    const d = c.choices[0]?.delta
    if (d && 'content' in d) assert.equal(typeof d.content, 'string', 'content is always a string')
  }
  const built = stream_chunk_builder(r.chunks).choices[0].message
  assert.deepEqual([built.reasoning_content, built.content], [REASONING.join(''), TEXT])
  assert.equal(r.finish, 'stop')
}

/** The same script, not streamed. */
async function assertWholeReasoningAndText(p, script) {
  const r = await completion(params(p, h.fake, script))
  const m = r.choices[0].message
  assert.deepEqual([m.reasoning_content, m.content], [REASONING.join(''), TEXT])
}

describe('content as typed parts', () => {
  const mistral = { reasoning: REASONING, text: TEXT, reasoning_field: 'thinking_chunks' }

  test('mistral: thinking chunks stream as reasoning_content, text as content', T, async () => {
    await assertReasoningThenText(provider('mistral'), mistral)
    await assertReasoningThenText(provider('mistral'), { ...mistral, content_parts: true })
  })

  test('mistral: a whole message with thinking and text chunks', T, async () => {
    await assertWholeReasoningAndText(provider('mistral'), mistral)
  })

  test('other OpenAI-compatible servers: content-part arrays, streamed and whole', T, async () => {
    for (const name of ['hosted_vllm', 'lm_studio', 'openai']) {
      const p = provider(name)
      const r = await collect(
        await completion(params(p, h.fake, { text: TEXT, content_parts: true }, { stream: true })),
      )
      assert.equal(r.text, TEXT, name)
      const whole = await completion(params(p, h.fake, { text: TEXT, content_parts: true }))
      assert.equal(whole.choices[0].message.content, TEXT, name)
    }
  })
})

describe('reasoning only as reasoning_details', () => {
  const script = { reasoning: REASONING, text: TEXT, reasoning_field: 'reasoning_details' }

  test('openrouter: reasoning.text items stream as reasoning_content (encrypted ones add nothing)', T, async () => {
    await assertReasoningThenText(provider('openrouter'), script)
  })

  test('openrouter: a whole message with reasoning_details', T, async () => {
    await assertWholeReasoningAndText(provider('openrouter'), script)
  })
})

describe('anthropic tool input delivered whole', () => {
  const CALLS = [
    { id: 'toolu_A', name: 'get_weather', arguments: '{"city":"Zürich","days":[1,2]}' },
    { id: 'toolu_B', name: 'get_time', arguments: '{}' },
  ]

  test('input in content_block_start with no deltas is used once', T, async () => {
    const script = { text: 'Je regarde.', tool_calls: CALLS, tool_input: 'start' }
    const r = await collect(await completion(params(provider('anthropic'), h.fake, script, { stream: true })))
    const calls = stream_chunk_builder(r.chunks).choices[0].message.tool_calls
    assert.deepEqual(
      calls.map((c) => [c.id, c.function.name, JSON.parse(c.function.arguments)]),
      CALLS.map((c) => [c.id, c.name, JSON.parse(c.arguments)]),
    )
    assert.equal(calls[0].function.arguments, '{"city":"Zürich","days":[1,2]}', 'never the input twice')
    assert.equal(r.finish, 'tool_calls')
  })
})

describe('usage in newer places', () => {
  test('anthropic: output_tokens_details.thinking_tokens → completion_tokens_details.reasoning_tokens', T, async () => {
    const script = { reasoning: REASONING, text: TEXT, usage: { completion_tokens: 30, reasoning_tokens: 21 } }
    const p = provider('anthropic')
    const r = await collect(await completion(params(p, h.fake, script, { stream: true })))
    assert.deepEqual([r.usage.completion_tokens, r.usage.completion_tokens_details.reasoning_tokens], [30, 21])
    const whole = await completion(params(p, h.fake, script))
    assert.equal(whole.usage.completion_tokens_details.reasoning_tokens, 21)
  })

  test('groq: usage sent only as x_groq.usage is the usage reported', T, async () => {
    const script = { text: TEXT, usage_field: 'x_groq', usage: { prompt_tokens: 123, completion_tokens: 45 } }
    const r = await collect(await completion(params(provider('groq'), h.fake, script, { stream: true })))
    assert.deepEqual([r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens], [123, 45, 168])
  })

  test('gemini: toolUsePromptTokenCount counts as prompt, so prompt + completion = total', T, async () => {
    const script = { text: TEXT, tool_use_prompt_tokens: 40, usage: { prompt_tokens: 100, completion_tokens: 8 } }
    const p = provider('gemini')
    const r = await collect(await completion(params(p, h.fake, script, { stream: true })))
    assert.deepEqual([r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens], [140, 8, 148])
    const whole = await completion(params(p, h.fake, script))
    assert.deepEqual([whole.usage.prompt_tokens, whole.usage.total_tokens], [140, 148])
  })
})

describe('gemini streamed function-call arguments', () => {
  test('partialArgs pieces assemble into whole calls', T, async () => {
    const args = [
      { room: 'Salle à manger 🍽', brightness: 50, on: true, tags: ['a', 'b'], 'dry run': null },
      { tz: 'Europe/Paris' },
    ]
    const script = {
      text: 'Je règle ça.',
      tool_calls: [
        { name: 'set_light', arguments: JSON.stringify(args[0]) },
        { name: 'get_time', arguments: JSON.stringify(args[1]) },
      ],
      stream_function_call_args: true,
    }
    const r = await collect(await completion(params(provider('gemini'), h.fake, script, { stream: true })))
    assert.equal(r.text, 'Je règle ça.')
    const calls = stream_chunk_builder(r.chunks).choices[0].message.tool_calls
    assert.deepEqual(
      calls.map((c) => [c.function.name, JSON.parse(c.function.arguments)]),
      [
        ['set_light', args[0]],
        ['get_time', args[1]],
      ],
    )
    assert.equal(r.finish, 'tool_calls')
  })
})
