import { describe, expect, it } from 'vitest'
import { type Lane, queuedLane } from '../../shared/lane'
import { answerTimes } from '../../shared/live-metrics'
import { appendParts, createStreamBuffer } from '../../shared/stream-buffer'
import { bufferArrivals } from '../../shared/token-arrivals'
import { timing } from '../../test/fake-api'
import { describeVerdict, laneVerdict } from './slo-verdict'

function reasoningBuffer() {
  const buf = createStreamBuffer()
  appendParts(buf, [
    { type: 'reasoning', text: 'think', at: 100 },
    { type: 'reasoning', text: 'more', at: 200 },
  ])
  appendParts(buf, [
    { type: 'text', text: 'Answer', at: 450 },
    { type: 'text', text: ' now', at: 450 },
    { type: 'text', text: '!', at: 470 },
  ])
  return buf
}

describe('TTFA in the column', () => {
  it('is the first answer part; thinking is the span before it', () => {
    const buf = reasoningBuffer()
    expect(buf.firstAnswerIndex).toBe(2)
    expect(answerTimes(buf, 100)).toEqual({ ttfaMs: 450, thinkingMs: 350 })
    const plain = createStreamBuffer()
    appendParts(plain, [{ type: 'text', text: 'hi', at: 50 }])
    expect(answerTimes(plain, 50)).toEqual({ ttfaMs: 50, thinkingMs: null })
  })

  it('turns the buffer into arrivals: reasoning before the answer, parts of one read merged', () => {
    expect(bufferArrivals(reasoningBuffer())).toEqual([
      { at: 100, text: 0, reasoning: 5, tool: 0 },
      { at: 200, text: 0, reasoning: 4, tool: 0 },
      { at: 450, text: 10, reasoning: 0, tool: 0 },
      { at: 470, text: 1, reasoning: 0, tool: 0 },
    ])
  })
})

describe('the column SLO badge', () => {
  const done = (): Lane => ({
    ...queuedLane('a', 'openai/x'),
    status: 'done',
    timing: timing({ first_token_ms: 100, end_ms: 480, output_tokens: 4 }),
  })

  it('is within when every limit holds, and names what missed', () => {
    const buf = reasoningBuffer()
    expect(laneVerdict(done(), buf, { ttftMs: 200 })).toMatchObject({ within: true })
    const v = laneVerdict(done(), buf, { ttftMs: 200, ttfaMs: 400 })!
    expect(v.within).toBe(false)
    expect(describeVerdict(v)).toBe('TTFA 450 ms > 400 ms')
  })

  it('a failed column is outside; nothing while running or without limits', () => {
    const failed = { ...done(), status: 'failed' as const }
    expect(describeVerdict(laneVerdict(failed, undefined, { e2eMs: 1000 })!)).toMatch(/failed/)
    expect(laneVerdict({ ...done(), status: 'streaming' }, reasoningBuffer(), { ttftMs: 1 })).toBeNull()
    expect(laneVerdict(done(), reasoningBuffer(), {})).toBeNull()
  })
})
