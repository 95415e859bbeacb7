// Faults (mid-stream errors, stalls, disconnects), wire quirks (split writes,
// CRLF, comments...), pacing and big streams, checked on the received bytes.

import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { startFakeProvider } from './server.mjs'
import { decodeOpenai, parseSse } from './wire-client.mjs'
import { call, WIRES, wire } from './wires.mjs'

/** @type {import('./server.mjs').FakeProvider} */
let fake
before(async () => {
  fake = await startFakeProvider()
})
after(() => fake.close())
beforeEach(() => fake.reset())

const TEXT = 'Héllo wörld, 你好 🌍! one two three'

describe('mid-stream faults', () => {
  for (const w of WIRES) {
    test(`${w.name}: mid_stream_error_after sends the provider's error event and ends`, async () => {
      const r = await call(fake.url, w, { script: { text: TEXT, mid_stream_error_after: 2 } })
      assert.equal(r.status, 200)
      assert.equal(r.error, null, 'the body ends cleanly after the error event')
      const d = w.decode(r.text)
      assert.equal(d.contentChunks, 2)
      assert.equal(d.errors.length, 1)
      assert.equal(d.finish, null)
      const e = d.errors[0]
      if (w.name === 'anthropic') assert.equal(e.error.type, 'overloaded_error')
      else if (w.name === 'gemini') assert.equal(e.error.status, 'UNAVAILABLE')
      else if (w.name === 'ollama') assert.equal(typeof e.error, 'string')
      else assert.equal(e.error.type, 'server_error')
    })

    test(`${w.name}: disconnect_after cuts the body after N chunks`, async () => {
      const r = await call(fake.url, w, { script: { text: TEXT, disconnect_after: 3 } })
      assert.ok(r.error, 'the client sees an incomplete body')
      const d = w.decode(r.text)
      assert.equal(d.contentChunks, 3)
      assert.equal(d.finish, null)
    })

    test(`${w.name}: split_writes decodes to the same content`, async () => {
      const script = {
        text: TEXT,
        reasoning: ['ré', 'sumé'],
        tool_calls: [{ id: 'call_split', name: 'f', arguments: '{"q":"ü"}' }],
      }
      const plain = await call(fake.url, w, { script })
      const split = await call(fake.url, w, { script: { ...script, split_writes: true, split_seed: 7 } })
      // Ollama's final line carries real durations and timestamps: compare its counts only.
      const stable = (/** @type {string} */ raw) => {
        const d = w.decode(raw)
        return w.name === 'ollama' ? { ...d, usage: d.usage.eval_count } : d
      }
      assert.deepEqual(stable(split.text), stable(plain.text))
      assert.ok(split.chunks.length > plain.chunks.length * 4, `${split.chunks.length} pieces`)
      const strict = new TextDecoder('utf-8', { fatal: true })
      assert.ok(
        split.chunks.some((c) => {
          try {
            strict.decode(c)
            return false
          } catch {
            return true
          }
        }),
        'some piece ends inside a multi-byte character',
      )
    })
  }

  test('groq error_style names the event "error"', async () => {
    const r = await call(fake.url, wire('openai'), {
      script: { mid_stream_error_after: 1, error_style: 'groq', error: { message: 'boom' } },
    })
    const last = parseSse(r.text).at(-1)
    assert.equal(last?.event, 'error')
    assert.equal(JSON.parse(last?.data ?? '').error.message, 'boom')
  })

  test('stall_after holds the stream open until close(), which is prompt', { timeout: 3000 }, async () => {
    const own = await startFakeProvider()
    /** @type {(v?: unknown) => void} */
    let gotTwo = () => {}
    const seen = new Promise((resolve) => (gotTwo = resolve))
    const pending = call(own.url, wire('anthropic'), {
      script: { text: TEXT, stall_after: 2 },
      onChunk: (_c, all) => {
        if (Buffer.concat(all).toString().split('text_delta').length - 1 >= 2) gotTwo()
      },
    })
    await seen
    await sleep(30)
    await own.close()
    const r = await pending
    assert.ok(r.error)
    assert.equal(wire('anthropic').decode(r.text).contentChunks, 2)
  })

  test('a client abort during a stall frees the server', { timeout: 3000 }, async () => {
    const r = await call(fake.url, wire('openai'), {
      script: { stall_after: 1 },
      onChunk: (_c, all, req) => {
        if (decodeOpenai(Buffer.concat(all).toString()).contentChunks >= 1) req.destroy()
      },
    })
    assert.ok(r.error)
    assert.equal((await call(fake.url, wire('openai'))).status, 200)
  })

  test('a non-stream request with a fault: stall, disconnect, error status', { timeout: 3000 }, async () => {
    const err = await call(fake.url, wire('anthropic'), { stream: false, script: { mid_stream_error_after: 0 } })
    assert.equal(err.status, 529)
    const cut = await call(fake.url, wire('openai'), { stream: false, script: { disconnect_after: 0 } })
    assert.equal(cut.status, 0)
  })
})

describe('wire quirks', () => {
  for (const name of ['openai', 'anthropic']) {
    test(`${name}: crlf, no_space, comments and pad_json decode identically`, async () => {
      const w = wire(name)
      const base = w.decode((await call(fake.url, w, { script: { text: TEXT } })).text)
      const r = await call(fake.url, w, {
        script: { text: TEXT, crlf: true, no_space: true, comments: true, pad_json: true },
      })
      assert.ok(r.text.includes('\r\n\r\n'))
      assert.ok(r.text.includes(': OPENROUTER PROCESSING'))
      assert.ok(r.text.includes('data:{'))
      assert.ok(/} +\r\n/.test(r.text))
      assert.deepEqual(w.decode(r.text), base)
    })
  }

  test('gemini defaults to CRLF but can be switched off', async () => {
    const r = await call(fake.url, wire('gemini'), { script: { crlf: false } })
    assert.ok(!r.text.includes('\r'))
  })
})

describe('pacing', () => {
  test('first_token_delay_ms: the preamble goes out with the headers', { timeout: 3000 }, async () => {
    for (const name of ['openai', 'anthropic']) {
      const r = await call(fake.url, wire(name), { script: { first_token_delay_ms: 150 } })
      const first = r.chunks[0].toString()
      assert.ok(first.includes(name === 'openai' ? '"role":"assistant"' : 'message_start'), first)
      assert.ok(!first.includes('Hello'), 'no content before the delay')
    }
  })

  test('chunk_delay_ms writes chunks separately; chunks_per_write coalesces', async () => {
    const paced = await call(fake.url, wire('ollama'), { script: { chunks: ['a', 'b', 'c'], chunk_delay_ms: 15 } })
    assert.ok(paced.chunks.length >= 3)
    const grouped = await call(fake.url, wire('ollama'), {
      script: { chunks: ['a', 'b', 'c', 'd'], chunk_delay_ms: 15, chunks_per_write: 2 },
    })
    assert.ok(grouped.chunks.length < paced.chunks.length + 1)
    assert.equal(wire('ollama').decode(grouped.text).text, 'abcd')
  })

  test('10,000-chunk streams arrive whole, with back-pressure honoured', async (t) => {
    const w = wire('openai')
    const started = performance.now()
    const r = await call(fake.url, w, {
      body: { stream_options: { include_usage: true } },
      script: { chunk_count: 10_000, chunk_text: 'tok ' },
    })
    t.diagnostic(`openai 10k chunks in ${(performance.now() - started).toFixed(1)} ms (client included)`)
    const d = w.decode(r.text)
    assert.equal(d.contentChunks, 10_000)
    assert.equal(d.usage.completion_tokens, 10_000)
    // A reader that pauses makes res.write() return false: the server must wait for 'drain'.
    const slow = await call(fake.url, wire('gemini'), {
      script: { chunk_count: 10_000 },
      onChunk: (_c, all, req) => {
        if (all.length === 1) {
          req.socket?.pause()
          setTimeout(() => req.socket?.resume(), 50)
        }
      },
    })
    const g = wire('gemini').decode(slow.text)
    assert.equal(g.contentChunks, 10_000)
    assert.equal(g.usage.candidatesTokenCount, 10_000)
  })

  test('hundreds of concurrent streams across wires', async () => {
    const all = await Promise.all(Array.from({ length: 300 }, (_, i) => call(fake.url, WIRES[i % WIRES.length])))
    assert.ok(all.every((r) => r.status === 200 && r.error === null))
    assert.equal(fake.requests.length, 300)
  })
})
