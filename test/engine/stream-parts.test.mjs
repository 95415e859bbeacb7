// stream_parts(): the same streamed call as completion({stream: true}), read as the
// engine's own parts (what the playground consumes). The parts must carry exactly
// what the OpenAI chunks carry, on every wire, with the same arrival offsets and
// the same end record; failures keep what arrived; bad input is refused as it is
// by completion().

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { BadRequestError, completion, stream_parts } from '@edgequake/llm'
import { collect, fakePerFile, params, provider, T, WIRES } from './helpers.mjs'

const h = fakePerFile()

const REASONING = ['First, ', 'consider the café. ']
const TEXT = 'Héllo wörld, ça va? 🎉 done.'

/** Drains a part stream: every batch, and the parts flattened. */
async function drain(stream) {
  const batches = []
  for await (const batch of stream) batches.push(batch)
  return { batches, parts: batches.flat() }
}

const join = (parts, type) =>
  parts
    .filter((p) => p.type === type)
    .map((p) => p.text)
    .join('')

describe('stream_parts on every wire', () => {
  for (const p of WIRES) {
    test(`${p.name}: the parts carry what the chunks carry, with the same timing`, T, async () => {
      const script = { reasoning: REASONING, text: TEXT, usage: { prompt_tokens: 9, completion_tokens: 12 } }
      const over = { stream_options: { include_usage: true } }
      const chunks = await collect(await completion(params(p, h.fake, script, { ...over, stream: true })))
      const s = await stream_parts(params(p, h.fake, script, over))
      assert.equal(s.timing, null, 'timing is set only when the stream ends')
      const { batches, parts } = await drain(s)

      assert.ok(
        batches.every((b) => Array.isArray(b) && b.length > 0),
        'every batch is a non-empty array',
      )
      assert.equal(join(parts, 'text'), chunks.text)
      assert.equal(join(parts, 'reasoning'), chunks.reasoning)
      assert.equal(parts.findLast((x) => x.type === 'finish')?.reason, chunks.finish)
      assert.ok(
        parts.every((x) => typeof x.at === 'number' && x.at >= 0),
        'every part is stamped with its arrival offset',
      )
      assert.equal(
        parts.some((x) => x.type === 'end'),
        false,
        'the end record is not a part',
      )
      const tokenParts = parts.filter((x) => (x.type === 'text' || x.type === 'reasoning') && x.text !== '')
      assert.deepEqual(
        tokenParts.map((x) => Math.round(x.at * 1000)),
        s.timing.chunk_offsets_ms.map((ms) => Math.round(ms * 1000)),
        'token parts arrive at the offsets the timing record lists',
      )
      assert.ok(Math.abs(s.timing.first_token_ms - tokenParts[0].at) < 0.001)
      assert.equal(s.usage.prompt_tokens, chunks.usage.prompt_tokens)
      assert.equal(s.usage.completion_tokens, chunks.usage.completion_tokens)
      assert.equal(s.provider, p.name)
    })
  }

  test('tool-call fragments arrive as tool_call parts, and the turn finishes with tool_calls', T, async () => {
    const calls = [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Zürich"}' }]
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }]
    const s = await stream_parts(params(provider('openai'), h.fake, { tool_calls: calls }, { tools }))
    const { parts } = await drain(s)
    const frags = parts.filter((x) => x.type === 'tool_call')
    assert.equal(frags[0].id, 'call_1')
    assert.equal(frags[0].name, 'get_weather')
    assert.equal(frags.map((f) => f.arguments).join(''), '{"city":"Zürich"}')
    assert.equal(parts.findLast((x) => x.type === 'finish').reason, 'tool_calls')
  })
})

describe('stream_parts when things go wrong', () => {
  test('a mid-stream error rejects after the parts that arrived, and keeps the timing', T, async () => {
    const s = await stream_parts(params(provider('openai'), h.fake, { text: TEXT, mid_stream_error_after: 2 }))
    const arrived = []
    const err = await (async () => {
      try {
        for await (const batch of s) arrived.push(...batch)
      } catch (e) {
        return e
      }
      return null
    })()
    assert.ok(err instanceof Error, 'the stream fails')
    assert.ok(join(arrived, 'text').length > 0, 'what arrived before the failure was handed out')
    assert.ok(s.timing, 'the timing record is kept after a failure')
  })

  test('break closes the request and keeps timing and usage', T, async () => {
    const s = await stream_parts(params(provider('openai'), h.fake, { text: TEXT, stall_after: 2 }))
    for await (const _batch of s) break
    assert.ok(s.timing, 'timing is readable after break')
    assert.ok(s.usage, 'usage is readable after break')
  })

  test('an aborted signal stops the stream with an AbortError', T, async () => {
    const controller = new AbortController()
    const s = await stream_parts(
      params(provider('openai'), h.fake, { text: TEXT, stall_after: 2 }, { signal: controller.signal }),
    )
    const err = await (async () => {
      try {
        for await (const _batch of s) controller.abort()
      } catch (e) {
        return e
      }
      return null
    })()
    assert.equal(err?.name, 'AbortError')
  })

  test('bad input is refused as completion() refuses it', T, async () => {
    await assert.rejects(() => stream_parts(null), BadRequestError)
    await assert.rejects(() => stream_parts([]), BadRequestError)
    await assert.rejects(
      () => stream_parts(params(provider('openai'), h.fake, null, { temperature: Number.NaN })),
      (err) => err instanceof BadRequestError && /temperature/.test(err.message),
    )
    await assert.rejects(
      () => stream_parts(params(provider('openai'), h.fake, null, { temperature: 9 })),
      (err) => err instanceof BadRequestError && /temperature/.test(err.message),
    )
  })
})
