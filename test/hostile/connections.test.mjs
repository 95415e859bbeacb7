// A keep-alive connection the server closed just as we reused it (what a real
// llama.cpp server did intermittently): the request never reached the server, so
// it is sent once more on a new connection, whatever num_retries says, and the
// timing record counts the attempt.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { call, hostilePerFile, T } from './helpers.mjs'

const h = hostilePerFile()

describe('stale pooled connections', () => {
  for (const stream of [false, true]) {
    test(
      `${stream ? 'streamed' : 'whole'}: a reused connection closed by the server is retried once, fresh`,
      T,
      async () => {
        const { stats } = h.server
        const [connections, closed] = [stats.connections, stats.staleClosed]
        const params = { ...call(h.server, 'stale'), stream }
        const read = async () => {
          const out = await completion(params)
          if (!stream) return { text: out.choices[0].message.content, timing: out._timing }
          let text = ''
          for await (const c of out) text += c.choices[0]?.delta?.content ?? ''
          return { text, timing: out.timing }
        }
        const first = await read()
        const second = await read()
        assert.equal(stats.staleClosed - closed, 1, 'the server closed the reused connection once')
        assert.equal(stats.connections - connections, 2, 'the retry went out on a new connection')
        assert.ok(first.text.length > 0 && second.text === first.text, `${first.text} / ${second.text}`)
        assert.equal(second.timing.attempts, 2)
        assert.equal(second.timing.reused_connection, false)
      },
    )
  }
})
