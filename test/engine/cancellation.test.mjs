// Cancellation: AbortSignal, `break` out of `for await`, stream.abort(), and
// aborting non-streaming calls. "Closed" is checked on the server side: each
// test runs its own fake and counts the established connections on its port
// in the kernel's socket table, so a drop to 0 means the engine closed its
// connection (not merely stopped reading).

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import {
  chatRequests,
  params,
  provider,
  serverSockets,
  since,
  startFakeProvider,
  T,
  WIRES,
  waitFor,
} from './helpers.mjs'

const { completion } = llm

/** Runs `fn(fake, port)` with a private fake; closes it after. */
async function withFake(fn) {
  const fake = await startFakeProvider({ port: 0 })
  try {
    return await fn(fake, fake.port)
  } finally {
    await fake.close()
  }
}

/** Waits until the fake's port has `n` established connections; returns the final count. */
async function socketsSettleAt(port, n, ms = 1000) {
  await waitFor(() => serverSockets(port) === n, ms)
  return serverSockets(port)
}

/** Drains what is left of an iterator: the chunks it still yields and the error it ends with. */
async function drain(it) {
  const chunks = []
  try {
    for (;;) {
      const r = await it.next()
      if (r.done) return { chunks, err: null }
      chunks.push(r.value)
    }
  } catch (err) {
    return { chunks, err }
  }
}

async function failure(promise) {
  try {
    await promise
  } catch (err) {
    return err
  }
  assert.fail('expected the call to fail')
}

describe('AbortSignal', () => {
  for (const p of WIRES) {
    test(`${p.name}: aborting a stalled stream → AbortError promptly, connection closed`, T, async () => {
      await withFake(async (fake, port) => {
        const ac = new AbortController()
        const s = await completion(
          params(p, fake, { text: 'one two three four', stall_after: 2 }, { stream: true, signal: ac.signal }),
        )
        const it = s[Symbol.asyncIterator]()
        const got = [await it.next(), await it.next()]
        assert.equal(got.map((g) => g.value.choices[0].delta.content).join(''), 'one two')
        assert.equal(await socketsSettleAt(port, 1), 1, 'the stalled stream holds one server socket')

        const t0 = performance.now()
        setTimeout(() => ac.abort(), 30)
        const { chunks, err } = await drain(it)
        const ms = since(t0)
        assert.ok(err instanceof llm.AbortError, `${err?.name}: ${err?.message}`)
        assert.ok(err instanceof llm.EdgeQuakeLLMError)
        assert.equal(err.llm_provider, p.name)
        assert.equal(chunks.filter((c) => c.choices[0]?.delta.content).length, 0, 'no content after the abort')
        // It ended because of the abort (AbortError, socket closed), not by itself.
        assert.ok(ms >= 25, `aborted after ${ms} ms`)
        assert.equal(await socketsSettleAt(port, 0), 0, 'the server saw the connection close')
        assert.equal((await it.next()).done, true, 'the iterator is finished')
        assert.equal(chatRequests(fake).length, 1)
        assert.ok(s.timing, 'timing set after an abort')
        assert.equal(s.timing.chunk_offsets_ms.length, 2)
      })
    })
  }

  test('the pending next() itself rejects with AbortError (no chunk in between)', T, async () => {
    await withFake(async (fake) => {
      const ac = new AbortController()
      const s = await completion(
        params(provider('openai'), fake, { text: 'one two', stall_after: 1 }, { stream: true, signal: ac.signal }),
      )
      const it = s[Symbol.asyncIterator]()
      await it.next()
      const pending = it.next()
      setTimeout(() => ac.abort(), 20)
      let settled
      try {
        settled = { value: await pending }
      } catch (err) {
        settled = { err }
      }
      assert.ok(settled.err instanceof llm.AbortError, `resolved with ${JSON.stringify(settled.value)}`)
    })
  })

  test('aborting before the headers arrive', T, async () => {
    await withFake(async (fake, port) => {
      const ac = new AbortController()
      const s = await completion(
        params(provider('openai'), fake, { text: 'late', headers_delay_ms: 5000 }, { stream: true, signal: ac.signal }),
      )
      setTimeout(() => ac.abort(), 50)
      const err = await failure(
        (async () => {
          for await (const _ of s);
        })(),
      )
      assert.ok(err instanceof llm.AbortError, `${err.name}: ${err.message}`)
      assert.equal(await socketsSettleAt(port, 0), 0)
    })
  })

  test('non-streaming call aborted while waiting → AbortError, connection closed', T, async () => {
    for (const p of WIRES) {
      await withFake(async (fake, port) => {
        const ac = new AbortController()
        const call = completion(params(p, fake, { text: 'never', stall_after: 0 }, { signal: ac.signal }))
        assert.equal(await socketsSettleAt(port, 1), 1, `${p.name}: request in flight`)
        ac.abort()
        const err = await failure(call)
        assert.ok(err instanceof llm.AbortError, `${p.name}: ${err.name}: ${err.message}`)
        assert.equal(await socketsSettleAt(port, 0), 0, `${p.name}: connection closed`)
      })
    }
  })

  test('an already-aborted signal rejects before any request', T, async () => {
    await withFake(async (fake) => {
      const ac = new AbortController()
      ac.abort()
      for (const stream of [false, true]) {
        const err = await failure(
          completion(params(provider('openai'), fake, { text: 'x' }, { stream, signal: ac.signal })),
        )
        assert.ok(err instanceof llm.AbortError, `${err.name}: ${err.message}`)
      }
      // Give a stray request time to land, then check none did.
      await new Promise((r) => setTimeout(r, 30))
      assert.equal(fake.requests.length, 0)
    })
  })

  test('aborting after a stream finished is harmless', T, async () => {
    await withFake(async (fake) => {
      const ac = new AbortController()
      const s = await completion(
        params(provider('openai'), fake, { text: 'done now' }, { stream: true, signal: ac.signal }),
      )
      let text = ''
      for await (const c of s) text += c.choices[0]?.delta.content ?? ''
      ac.abort()
      assert.equal(text, 'done now')
      assert.ok(s.timing)
      assert.equal(s.timing.output_tokens, 2)
      const r = await completion(params(provider('openai'), fake, { text: 'next' }))
      assert.equal(r.choices[0].message.content, 'next')
    })
  })

  test('one signal aborting 20 concurrent stalled streams closes every connection', T, async () => {
    await withFake(async (fake, port) => {
      const ac = new AbortController()
      const streams = await Promise.all(
        Array.from({ length: 20 }, () =>
          completion(
            params(provider('openai'), fake, { text: 'a b c', stall_after: 1 }, { stream: true, signal: ac.signal }),
          ),
        ),
      )
      const firsts = await Promise.all(streams.map((s) => s[Symbol.asyncIterator]().next()))
      assert.ok(firsts.every((f) => f.value.choices[0].delta.content === 'a'))
      assert.equal(await socketsSettleAt(port, 20), 20)
      const pendings = streams.map((s) => drain(s[Symbol.asyncIterator]()))
      ac.abort()
      const ends = await Promise.all(pendings)
      assert.ok(ends.every((e) => e.err instanceof llm.AbortError))
      assert.equal(await socketsSettleAt(port, 0), 0, 'no connection leaked')
    })
  })
})

describe('break and stream.abort()', () => {
  for (const p of WIRES) {
    test(`${p.name}: break out of for await closes the request`, T, async () => {
      await withFake(async (fake, port) => {
        // Three chunks, then silence with the socket open: the body never ends by
        // itself, so only the break can close the connection.
        const script = { text: 'one two three', stall_after: 3 }
        const s = await completion(params(p, fake, script, { stream: true }))
        let n = 0
        for await (const c of s) {
          if (c.choices[0]?.delta.content) n++
          if (n === 2) {
            assert.equal(serverSockets(port), 1, 'the stream holds one connection while it runs')
            break
          }
        }
        assert.equal(n, 2)
        const left = await socketsSettleAt(port, 0, 5000)
        assert.equal(left, 0, 'the server saw the connection close, which a stalled body never does by itself')
        // The iterator is done after break.
        assert.equal((await s[Symbol.asyncIterator]().next()).done, true)
      })
    })
  }

  test('stream.abort() on a stalled stream → iteration ends with AbortError, connection closed', T, async () => {
    await withFake(async (fake, port) => {
      const s = await completion(
        params(provider('anthropic'), fake, { text: 'a b c', stall_after: 1 }, { stream: true }),
      )
      const it = s[Symbol.asyncIterator]()
      assert.equal((await it.next()).value.choices[0].delta.content, 'a')
      setTimeout(() => s.abort(), 20)
      const { chunks, err } = await drain(it)
      assert.ok(err instanceof llm.AbortError, `${err?.name}: ${err?.message}`)
      assert.equal(chunks.filter((c) => c.choices[0]?.delta.content).length, 0)
      assert.equal(await socketsSettleAt(port, 0), 0)
    })
  })

  test('stream.abort() before iterating: iteration fails with AbortError and nothing stays open', T, async () => {
    await withFake(async (fake, port) => {
      const s = await completion(params(provider('gemini'), fake, { text: 'a b c', stall_after: 1 }, { stream: true }))
      s.abort()
      const err = await failure(
        (async () => {
          for await (const _ of s);
        })(),
      )
      assert.ok(err instanceof llm.AbortError, `${err.name}: ${err.message}`)
      assert.equal(await socketsSettleAt(port, 0), 0)
    })
  })

  test('after break, the engine keeps working on the same base (pool not poisoned)', T, async () => {
    await withFake(async (fake) => {
      const p = provider('openai')
      const s = await completion(params(p, fake, { chunk_count: 20, chunk_delay_ms: 20 }, { stream: true }))
      for await (const _ of s) break
      const r = await completion(params(p, fake, { text: 'fresh reply' }))
      assert.equal(r.choices[0].message.content, 'fresh reply')
    })
  })
})
