// param_ranges() is the engine's own validation table: every row's edges are
// accepted and the values just past them are refused, naming the field.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion, param_ranges } from '@edgequake/llm'
import { failure } from './helpers.mjs'

const call = (over) =>
  completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], mock_response: 'ok', ...over })

describe('param_ranges()', () => {
  const ranges = param_ranges()

  test('lists the numeric parameters with their bounds', () => {
    const temperature = ranges.find((r) => r.name === 'temperature')
    assert.deepEqual(temperature, { name: 'temperature', min: 0, max: 2, min_exclusive: false, integer: false })
    for (const name of ['timeout', 'first_byte_timeout', 'stream_timeout', 'num_retries', 'max_event_bytes']) {
      assert.ok(
        ranges.some((r) => r.name === name),
        name,
      )
    }
  })

  for (const r of param_ranges()) {
    test(`${r.name}: the edges pass, just past them fails`, async () => {
      const step = r.integer ? 1 : Math.max(1e-6, (r.max - r.min) * 1e-6)
      const inside = r.min_exclusive ? r.min + step : r.min
      // Accepted = not refused as bad input (a mock paced for an hour times out instead).
      const accepted = async (value) => {
        const over = { [r.name]: value }
        if (r.name.startsWith('mock_')) over.timeout = 0.05
        try {
          await call(over)
        } catch (err) {
          assert.notEqual(err.name, 'BadRequestError', `${r.name}=${value}: ${err.message}`)
        }
      }
      await accepted(inside)
      await accepted(r.max)
      for (const outside of [r.min_exclusive ? r.min : r.min - step, r.max + step]) {
        const err = await failure(call({ [r.name]: outside }))
        assert.equal(err.name, 'BadRequestError', `${r.name}=${outside}`)
        assert.match(err.message, new RegExp(`\`${r.name}\``))
      }
    })
  }
})
