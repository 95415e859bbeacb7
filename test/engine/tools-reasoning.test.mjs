// Tool calls and reasoning on every wire, and how each wire's request is
// translated (inspected through the fake's request log).

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion, stream_chunk_builder } from '@edgequake/llm'
import { chatRequests, collect, fakePerFile, KEY, params, provider, T, WIRES } from './helpers.mjs'

const h = fakePerFile()

const CALLS = [
  { id: 'call_w1', name: 'get_weather', arguments: '{"city":"Zürich","unit":"c"}' },
  { id: 'call_t2', name: 'get_time', arguments: '{"tz":"Europe/Paris","fmt":"24h"}' },
]
const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } } },
    },
  },
  {
    type: 'function',
    function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } },
  },
]

/** Wires that carry the provider's own call ids (Gemini and Ollama have none). */
const HAS_IDS = new Set(['openai', 'azure', 'anthropic'])

/** @param {any[]} calls @param {string} wire */
function assertCalls(calls, wire) {
  assert.equal(calls.length, 2)
  for (const [i, c] of calls.entries()) {
    assert.equal(c.type, 'function')
    assert.equal(typeof c.id, 'string')
    assert.ok(c.id.length > 0, 'every call has an id')
    if (HAS_IDS.has(wire)) assert.equal(c.id, CALLS[i].id)
    assert.equal(c.function.name, CALLS[i].name)
    assert.deepEqual(JSON.parse(c.function.arguments), JSON.parse(CALLS[i].arguments))
  }
  assert.notEqual(calls[0].id, calls[1].id, 'call ids are distinct')
}

describe('tool calls', () => {
  for (const p of WIRES) {
    test(`${p.name}: streamed tool calls reassemble with stream_chunk_builder`, T, async () => {
      const s = await completion(params(p, h.fake, { tool_calls: CALLS }, { stream: true, tools: TOOLS }))
      const r = await collect(s)
      // Fragments are OpenAI's indexed deltas: the first one per call carries id, type and name.
      const frags = r.chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
      assert.ok(frags.length >= 2)
      for (const idx of [0, 1]) {
        const mine = frags.filter((f) => f.index === idx)
        assert.ok(mine.length >= 1, `fragments for index ${idx}`)
        assert.equal(mine[0].type, 'function')
        assert.equal(mine[0].function.name, CALLS[idx].name)
        assert.ok(mine[0].id)
        for (const f of mine.slice(1)) assert.equal(f.id, undefined, 'only the first fragment carries the id')
      }
      if (p.wire === 'openai' || p.wire === 'anthropic') {
        assert.ok(frags.length > 2, 'arguments arrive in several fragments on this wire')
      }
      const built = stream_chunk_builder(r.chunks)
      assert.equal(built.object, 'chat.completion')
      assert.equal(built.choices[0].message.content, null)
      assertCalls(built.choices[0].message.tool_calls, p.wire)
      assert.equal(r.text, '')
    })

    const finishOpts = T
    test(`${p.name}: streamed tool calls end with finish_reason tool_calls`, finishOpts, async () => {
      const s = await completion(params(p, h.fake, { tool_calls: CALLS }, { stream: true, tools: TOOLS }))
      assert.equal((await collect(s)).finish, 'tool_calls')
    })

    test(`${p.name}: non-streamed tool calls`, T, async () => {
      const r = await completion(params(p, h.fake, { tool_calls: CALLS }, { tools: TOOLS }))
      assert.equal(r.choices[0].message.content, null)
      assertCalls(r.choices[0].message.tool_calls, p.wire)
      assert.equal(r.choices[0].finish_reason, 'tool_calls')
    })

    test(`${p.name}: text before a tool call keeps both`, T, async () => {
      const script = { text: 'Let me check.', tool_calls: CALLS.slice(0, 1) }
      const r = await collect(await completion(params(p, h.fake, script, { stream: true, tools: TOOLS })))
      assert.equal(r.text, 'Let me check.')
      const built = stream_chunk_builder(r.chunks)
      assert.equal(built.choices[0].message.content, 'Let me check.')
      assert.equal(built.choices[0].message.tool_calls.length, 1)
      assert.equal(built.choices[0].message.tool_calls[0].function.name, 'get_weather')
    })
  }

  test('tools and tool_choice are translated per wire', T, async () => {
    h.fake.clearRequests()
    for (const p of WIRES) {
      // Ollama's API has no tool_choice: the engine refuses it unless told to drop it.
      const over = { tools: TOOLS, tool_choice: { type: 'function', function: { name: 'get_time' } } }
      if (p.wire === 'ollama') over.drop_params = true
      await completion(params(p, h.fake, { text: 'ok' }, over))
    }
    const by = Object.fromEntries(chatRequests(h.fake).map((r) => [r.provider, r.body]))
    assert.deepEqual(by.openai.tools, TOOLS)
    assert.deepEqual(by.openai.tool_choice, { type: 'function', function: { name: 'get_time' } })
    assert.equal(by.anthropic.tools[0].name, 'get_weather')
    assert.equal(by.anthropic.tools[0].description, 'Weather for a city')
    assert.deepEqual(by.anthropic.tools[0].input_schema, TOOLS[0].function.parameters)
    assert.deepEqual(by.anthropic.tool_choice, { type: 'tool', name: 'get_time' })
    const decls = by.gemini.tools.flatMap((t) => t.functionDeclarations ?? t.function_declarations ?? [])
    assert.deepEqual(
      decls.map((d) => d.name),
      ['get_weather', 'get_time'],
    )
    const fcc = by.gemini.toolConfig?.functionCallingConfig
    assert.equal(fcc?.mode, 'ANY')
    assert.deepEqual(fcc?.allowedFunctionNames, ['get_time'])
    assert.equal(by.ollama.tools[0].function.name, 'get_weather')
    assert.equal(by.ollama.tool_choice, undefined)
  })

  test('ollama: tool_choice without drop_params fails before any request', T, async () => {
    h.fake.clearRequests()
    const { BadRequestError } = await import('@edgequake/llm')
    await assert.rejects(
      completion(params(provider('ollama'), h.fake, { text: 'ok' }, { tools: TOOLS, tool_choice: 'required' })),
      (err) => err instanceof BadRequestError && /tool_choice/.test(err.message) && /drop_params/.test(err.message),
    )
    assert.equal(h.fake.requests.length, 0)
  })

  test('a tool-call round trip (assistant tool_calls + tool result) is translated per wire', T, async () => {
    h.fake.clearRequests()
    const messages = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Zürich?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Zürich"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_w1', content: '{"temp":21}' },
    ]
    for (const p of WIRES) {
      const r = await completion(params(p, h.fake, { text: 'It is 21 °C.' }, { messages, tools: TOOLS }))
      assert.equal(r.choices[0].message.content, 'It is 21 °C.', p.name)
    }
    const by = Object.fromEntries(chatRequests(h.fake).map((r) => [r.provider, r.body]))
    // OpenAI: passed through.
    assert.equal(by.openai.messages.length, 4)
    assert.equal(by.openai.messages[3].tool_call_id, 'call_w1')
    // Anthropic: tool_use block in the assistant turn, tool_result in a user turn.
    const aMsgs = by.anthropic.messages
    assert.deepEqual(
      aMsgs.map((m) => m.role),
      ['user', 'assistant', 'user'],
    )
    const use = aMsgs[1].content.find((b) => b.type === 'tool_use')
    assert.deepEqual(use, { type: 'tool_use', id: 'call_w1', name: 'get_weather', input: { city: 'Zürich' } })
    const result = aMsgs[2].content.find((b) => b.type === 'tool_result')
    assert.equal(result.tool_use_id, 'call_w1')
    // Gemini: functionCall in a model turn, functionResponse after it.
    const gContents = by.gemini.contents
    const call = gContents.flatMap((c) => c.parts).find((x) => x.functionCall)
    assert.deepEqual(call.functionCall.name, 'get_weather')
    assert.deepEqual(call.functionCall.args, { city: 'Zürich' })
    const resp = gContents.flatMap((c) => c.parts).find((x) => x.functionResponse)
    assert.equal(resp.functionResponse.name, 'get_weather')
    for (const c of gContents) assert.ok(['user', 'model'].includes(c.role), `gemini role ${c.role}`)
    // Ollama: arguments as an object.
    const oAssistant = by.ollama.messages.find((m) => m.role === 'assistant')
    assert.deepEqual(oAssistant.tool_calls[0].function.arguments, { city: 'Zürich' })
    assert.equal(by.ollama.messages.find((m) => m.role === 'tool').content, '{"temp":21}')
  })
})

describe('reasoning', () => {
  const REASONING = ['First, ', 'consider the café. ', '🤔']
  const cases = [
    ['deepseek (reasoning_content)', provider('deepseek'), {}],
    ['groq gpt-oss (reasoning)', provider('groq'), { reasoning_field: 'reasoning' }],
    ['openrouter (reasoning)', provider('openrouter'), { reasoning_field: 'reasoning' }],
    ['anthropic thinking', provider('anthropic'), {}],
    ['gemini thought parts', provider('gemini'), {}],
    ['ollama thinking', provider('ollama'), {}],
  ]
  for (const [label, p, extra] of cases) {
    test(`${label}: streamed as delta.reasoning_content before content`, T, async () => {
      const script = { reasoning: REASONING, text: 'The answer is 42.', usage: { reasoning_tokens: 9 }, ...extra }
      const s = await completion(params(p, h.fake, script, { stream: true }))
      const r = await collect(s)
      assert.equal(r.reasoning, REASONING.join(''))
      assert.equal(r.text, 'The answer is 42.')
      const firstContent = r.chunks.findIndex((c) => c.choices[0]?.delta.content)
      const lastReasoning = r.chunks.findLastIndex((c) => c.choices[0]?.delta.reasoning_content)
      assert.ok(lastReasoning < firstContent, 'reasoning precedes content')
      assert.equal(r.chunks[0].choices[0].delta.role, 'assistant')
      assert.equal(r.chunks[0].choices[0].delta.reasoning_content, REASONING[0])
      for (const c of r.chunks) {
        const d = c.choices[0]?.delta
        if (d && 'content' in d) assert.equal(typeof d.content, 'string', 'no content: null in deltas')
      }
      // TTFT counts the first reasoning delta.
      // _arrival_ms is rounded to the microsecond.
      assert.ok(Math.abs(s.timing.first_token_ms - r.chunks[0]._arrival_ms) < 0.001)
      assert.equal(s.timing.chunk_offsets_ms.length, REASONING.length + 4)
      if (p.wire === 'openai' || p.wire === 'gemini')
        assert.equal(r.usage.completion_tokens_details.reasoning_tokens, 9)
      assert.equal(stream_chunk_builder(r.chunks).choices[0].message.reasoning_content, REASONING.join(''))
    })

    test(`${label}: non-streamed as message.reasoning_content`, T, async () => {
      const script = { reasoning: REASONING, text: 'The answer is 42.', ...extra }
      const r = await completion(params(p, h.fake, script))
      assert.equal(r.choices[0].message.reasoning_content, REASONING.join(''))
      assert.equal(r.choices[0].message.content, 'The answer is 42.')
    })
  }

  test('no reasoning → no reasoning_content key', T, async () => {
    for (const p of WIRES) {
      const r = await completion(params(p, h.fake, { text: 'plain' }))
      assert.equal('reasoning_content' in r.choices[0].message, false, p.name)
    }
  })

  test(
    'reasoning_effort is translated (anthropic thinking budget, gemini thinkingConfig, openai passthrough)',
    T,
    async () => {
      h.fake.clearRequests()
      for (const p of [provider('openai'), provider('anthropic'), provider('gemini')]) {
        await completion(params(p, h.fake, { text: 'ok' }, { reasoning_effort: 'low', max_tokens: 4000 }))
      }
      const by = Object.fromEntries(chatRequests(h.fake).map((r) => [r.provider, r.body]))
      assert.equal(by.openai.reasoning_effort, 'low')
      assert.equal(by.anthropic.thinking?.type, 'enabled')
      assert.equal(typeof by.anthropic.thinking?.budget_tokens, 'number')
      assert.ok(by.anthropic.thinking.budget_tokens < by.anthropic.max_tokens, 'budget below max_tokens')
      const tc = by.gemini.generationConfig?.thinkingConfig
      assert.ok(tc, 'gemini thinkingConfig present')
      assert.ok(tc.thinkingBudget > 0 || tc.thinkingLevel, 'a budget or level')
    },
  )
})

describe('request translation', () => {
  const MESSAGES = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
    { role: 'user', content: 'How are you?' },
  ]

  test('openai: Bearer key, include_usage when streaming, messages passed through', T, async () => {
    h.fake.clearRequests()
    const p = provider('openai')
    await collect(await completion(params(p, h.fake, { text: 'ok' }, { messages: MESSAGES, stream: true })))
    await completion(params(p, h.fake, { text: 'ok' }, { messages: MESSAGES }))
    const [s, n] = chatRequests(h.fake)
    assert.equal(s.path, '/v1/chat/completions')
    assert.equal(s.headers.authorization, `Bearer ${KEY}`)
    assert.equal(s.body.stream, true)
    assert.deepEqual(s.body.stream_options, { include_usage: true })
    assert.deepEqual(s.body.messages, MESSAGES)
    assert.equal(s.body.model, 'gpt-4o-mini')
    assert.equal(n.body.stream_options, undefined, 'no stream_options on a non-stream call')
    assert.notEqual(n.body.stream, true)
  })

  test('azure: deployment URL, api-version query, api-key header (no Bearer)', T, async () => {
    h.fake.clearRequests()
    const p = provider('azure')
    await collect(await completion(params(p, h.fake, { text: 'ok' }, { stream: true })))
    const [r] = chatRequests(h.fake)
    assert.equal(r.path, '/openai/deployments/my-deployment/chat/completions')
    assert.equal(r.query['api-version'], '2024-10-21')
    assert.equal(r.headers['api-key'], KEY)
    assert.equal(r.headers.authorization, undefined)
  })

  test('anthropic: top-level system, max_tokens, x-api-key + anthropic-version', T, async () => {
    h.fake.clearRequests()
    const p = provider('anthropic')
    const r0 = await completion(params(p, h.fake, { text: 'fine' }, { messages: MESSAGES }))
    assert.equal(r0.choices[0].message.content, 'fine')
    const [r] = chatRequests(h.fake)
    assert.equal(r.path, '/v1/messages')
    assert.equal(r.headers['x-api-key'], KEY)
    assert.match(r.headers['anthropic-version'], /^\d{4}-\d{2}-\d{2}$/)
    assert.equal(r.headers.authorization, undefined)
    const sys = typeof r.body.system === 'string' ? r.body.system : r.body.system.map((b) => b.text).join('')
    assert.equal(sys, 'Be brief.')
    assert.equal(typeof r.body.max_tokens, 'number')
    assert.ok(r.body.max_tokens > 0)
    assert.ok(r.body.messages.every((m) => m.role !== 'system'))
    assert.deepEqual(
      r.body.messages.map((m) => m.role),
      ['user', 'assistant', 'user'],
    )
  })

  test('anthropic: max_tokens from the caller wins', T, async () => {
    h.fake.clearRequests()
    await completion(params(provider('anthropic'), h.fake, { text: 'ok' }, { max_tokens: 33 }))
    assert.equal(chatRequests(h.fake)[0].body.max_tokens, 33)
  })

  test('gemini: systemInstruction, role model, key in x-goog-api-key not in the URL', T, async () => {
    h.fake.clearRequests()
    const p = provider('gemini')
    await collect(await completion(params(p, h.fake, { text: 'ok' }, { messages: MESSAGES, stream: true })))
    const [r] = chatRequests(h.fake)
    assert.equal(r.path, '/v1beta/models/gemini-2.0-flash:streamGenerateContent')
    assert.equal(r.query.alt, 'sse')
    assert.equal(r.query.key, undefined, 'no key in the query string')
    assert.ok(!JSON.stringify(r.query).includes(KEY))
    assert.equal(r.headers['x-goog-api-key'], KEY)
    const sys = r.body.systemInstruction ?? r.body.system_instruction
    assert.equal(sys.parts.map((x) => x.text).join(''), 'Be brief.')
    assert.deepEqual(
      r.body.contents.map((c) => c.role),
      ['user', 'model', 'user'],
    )
    assert.deepEqual(r.body.contents[1].parts, [{ text: 'Hello!' }])
  })

  test('ollama: /api/chat with stream flag and messages as given', T, async () => {
    h.fake.clearRequests()
    const p = provider('ollama')
    await collect(await completion(params(p, h.fake, { text: 'ok' }, { messages: MESSAGES, stream: true })))
    const [r] = chatRequests(h.fake)
    assert.equal(r.path, '/api/chat')
    assert.equal(r.body.model, 'llama3.2')
    assert.equal(r.body.stream, true)
    assert.deepEqual(
      r.body.messages.map((m) => [m.role, m.content]),
      MESSAGES.map((m) => [m.role, m.content]),
    )
  })

  test('response_format json_schema per wire', T, async () => {
    h.fake.clearRequests()
    const schema = { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] }
    const rf = { type: 'json_schema', json_schema: { name: 'thing', schema, strict: true } }
    for (const p of [provider('openai'), provider('gemini'), provider('ollama')]) {
      await completion(params(p, h.fake, { text: '{"a":1}' }, { response_format: rf }))
    }
    const by = Object.fromEntries(chatRequests(h.fake).map((r) => [r.provider, r.body]))
    assert.deepEqual(by.openai.response_format, rf)
    assert.equal(by.gemini.generationConfig.responseMimeType, 'application/json')
    assert.ok(by.gemini.generationConfig.responseSchema || by.gemini.generationConfig.responseJsonSchema)
    assert.deepEqual(by.ollama.format, schema)
  })
})

describe('signed thinking blocks (Anthropic)', () => {
  const p = provider('anthropic')
  const script = { reasoning: ['Let me ', 'check. '], signature: 'c2lnLTE=', tool_calls: [CALLS[0]] }

  test('a response carries thinking_blocks with the signature; a stream rebuilds the same', T, async () => {
    const whole = await completion(params(p, h.fake, script))
    const blocks = whole.choices[0].message.thinking_blocks
    assert.deepEqual(blocks, [{ type: 'thinking', thinking: 'Let me check. ', signature: 'c2lnLTE=' }])
    const streamed = await collect(await completion(params(p, h.fake, script, { stream: true })))
    const signed = streamed.chunks.filter((c) => c.choices[0]?.delta.thinking_blocks)
    assert.equal(signed.length, 1)
    assert.deepEqual(stream_chunk_builder(streamed.chunks).choices[0].message.thinking_blocks, blocks)
  })

  test('passed back on the assistant turn, they go first in its content, signed', T, async () => {
    const first = await completion(params(p, h.fake, script))
    const assistant = first.choices[0].message
    const messages = [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: assistant.content,
        thinking_blocks: assistant.thinking_blocks,
        tool_calls: assistant.tool_calls,
      },
      { role: 'tool', tool_call_id: assistant.tool_calls[0].id, content: '{"temp": 21}' },
    ]
    const before = h.fake.requests.length
    await completion(params(p, h.fake, { text: 'It is 21 °C.' }, { messages, reasoning_effort: 'low' }))
    const sent = h.fake.requests.slice(before).find((r) => r.path.endsWith('/messages')).body
    const content = sent.messages[1].content
    assert.deepEqual(content[0], { type: 'thinking', thinking: 'Let me check. ', signature: 'c2lnLTE=' })
    assert.equal(content.at(-1).type, 'tool_use')
  })

  test('OpenAI-compatible servers never receive thinking_blocks', T, async () => {
    const o = provider('openai')
    const messages = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello', thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 's' }] },
      { role: 'user', content: 'Again' },
    ]
    const before = h.fake.requests.length
    await completion(params(o, h.fake, { text: 'ok' }, { messages }))
    const sent = h.fake.requests.slice(before).find((r) => r.path.endsWith('/chat/completions')).body
    assert.equal('thinking_blocks' in sent.messages[1], false)
  })
})
