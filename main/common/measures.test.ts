import { describe, expect, test } from 'vitest'
import { addArrivals, arrivalsFromParts, callMeasures } from './measures'
import type { StreamPart } from './stream-parts'
import type { Timing, Usage } from './timing'

function timing(t: Partial<Timing>): Timing {
  return {
    start_unix_ms: 0,
    dns_ms: null,
    connect_ms: null,
    tls_ms: null,
    request_sent_ms: 1,
    headers_ms: 50,
    first_event_ms: 50,
    first_token_ms: null,
    end_ms: null,
    reused_connection: true,
    http_version: '1.1',
    chunk_offsets_ms: [],
    output_tokens: 0,
    output_tokens_source: 'provider',
    decode_tokens_per_s: null,
    e2e_tokens_per_s: null,
    buffered: false,
    attempts: 1,
    ...t,
  }
}

const usage = (completion: number, reasoning = 0): Usage => ({
  prompt_tokens: 5,
  completion_tokens: completion,
  total_tokens: 5 + completion,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: reasoning },
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
})

describe('arrivals', () => {
  test('merge parts that arrived together and skip empty ones', () => {
    const parts: StreamPart[] = [
      { type: 'reasoning', text: 'hmm', at: 100 },
      { type: 'text', text: '', at: 150 },
      { type: 'reasoning', text: 'ok', at: 200 },
      { type: 'text', text: 'Hi', at: 200 },
      { type: 'tool_call', index: 0, name: 'f', arguments: '{}', at: 300 },
      { type: 'finish', reason: 'stop', at: 300 },
    ]
    expect(arrivalsFromParts(parts)).toEqual([
      { at: 100, text: 0, reasoning: 3, tool: 0 },
      { at: 200, text: 2, reasoning: 2, tool: 0 },
      { at: 300, text: 0, reasoning: 0, tool: 3 },
    ])
    const incremental: ReturnType<typeof arrivalsFromParts> = []
    addArrivals(incremental, parts.slice(0, 3))
    addArrivals(incremental, parts.slice(3))
    expect(incremental).toEqual(arrivalsFromParts(parts))
  })
})

describe('TTFT, TTFA and the thinking span', () => {
  test('a reasoning model: first token is a thought, the answer comes later', () => {
    const arrivals = arrivalsFromParts([
      { type: 'reasoning', text: 'abcd', at: 100 },
      { type: 'reasoning', text: 'efgh', at: 180 },
      { type: 'text', text: 'Answer', at: 400 },
      { type: 'text', text: ' here', at: 420 },
    ])
    const m = callMeasures(arrivals, timing({ first_token_ms: 100, end_ms: 430, output_tokens: 4 }), usage(4, 2))
    expect(m).toMatchObject({ ttftMs: 100, ttfaMs: 400, thinkingMs: 300, ttstMs: 80, e2eMs: 430 })
    expect(m.chunkGapsMs).toEqual([80, 220, 20])
    // (430 − 100) / (4 − 1)
    expect(m.tpotMs).toBeCloseTo(110, 10)
  })

  test('a model without reasoning: TTFA equals TTFT, no thinking span', () => {
    const arrivals = arrivalsFromParts([
      { type: 'text', text: 'a', at: 50 },
      { type: 'text', text: 'b', at: 60 },
    ])
    expect(callMeasures(arrivals, timing({ first_token_ms: 50, end_ms: 61 }), usage(2))).toMatchObject({
      ttftMs: 50,
      ttfaMs: 50,
      thinkingMs: null,
    })
  })

  test('reasoning only: no answer, so no TTFA and no thinking span', () => {
    const arrivals = arrivalsFromParts([{ type: 'reasoning', text: 'x', at: 10 }])
    expect(callMeasures(arrivals, null, null)).toMatchObject({
      ttftMs: 10,
      ttfaMs: null,
      thinkingMs: null,
      ttstMs: null,
    })
  })
})

describe('inter-token latency from tokens, not chunks', () => {
  test('a chunk carrying many tokens spreads its gap over them', () => {
    // Three arrivals of 4, 12 and 4 characters; the provider counted 10 tokens: 2, 6, 2.
    const arrivals = arrivalsFromParts([
      { type: 'text', text: 'abcd', at: 100 },
      { type: 'text', text: 'efghijklmnop', at: 160 },
      { type: 'text', text: 'qrst', at: 180 },
    ])
    const m = callMeasures(arrivals, timing({ first_token_ms: 100, end_ms: 190, output_tokens: 10 }), usage(10))
    expect(m.tokensPerArrival).toEqual([2, 6, 2])
    expect(m.multiTokenArrivals).toBe(3)
    expect(m.tokenSource).toBe('provider')
    // First arrival's second token: 0 ms; 60 ms over 6 tokens; 20 ms over 2.
    expect(m.tokenItlMs).toEqual([0, 10, 10, 10, 10, 10, 10, 10, 10])
    expect(m.tokenItlMs).toHaveLength(m.tokens - 1)
    expect(m.chunkGapsMs).toEqual([60, 20])
    expect(m.itl).toEqual({ p50: 10, p95: 10, p99: 10, max: 10 })
  })

  test('token ITL adds up to the span from first to last token', () => {
    const arrivals = arrivalsFromParts(
      Array.from({ length: 7 }, (_, i): StreamPart => ({ type: 'text', text: 'x'.repeat(1 + i), at: 100 + i * i * 5 })),
    )
    const m = callMeasures(arrivals, timing({ first_token_ms: 100, end_ms: 300 }), usage(23))
    const sum = m.tokenItlMs.reduce((s, v) => s + v, 0)
    expect(sum).toBeCloseTo(arrivals.at(-1)!.at - arrivals[0]!.at, 9)
    expect(m.tokensPerArrival.reduce((s, k) => s + k, 0)).toBe(23)
  })

  test('reasoning and answer tokens are apportioned apart when the provider splits them', () => {
    const arrivals = arrivalsFromParts([
      { type: 'reasoning', text: 'x'.repeat(100), at: 10 },
      { type: 'text', text: 'y', at: 20 },
    ])
    // 3 reasoning tokens over 100 characters, 5 answer tokens over 1 character.
    expect(callMeasures(arrivals, timing({ first_token_ms: 10, end_ms: 20 }), usage(8, 3)).tokensPerArrival).toEqual([
      3, 5,
    ])
  })

  test('without provider usage the engine estimate is used and labelled', () => {
    const arrivals = arrivalsFromParts([
      { type: 'text', text: 'abcdefgh', at: 10 },
      { type: 'text', text: 'ijklmnop', at: 30 },
    ])
    const m = callMeasures(
      arrivals,
      timing({ first_token_ms: 10, end_ms: 30, output_tokens: 4, output_tokens_source: 'estimate' }),
      usage(0),
    )
    expect(m).toMatchObject({ tokens: 4, tokenSource: 'estimate', tokensPerArrival: [2, 2], tokenItlMs: [0, 10, 10] })
    expect(callMeasures(arrivals, null, null)).toMatchObject({ tokens: 4, tokenSource: 'estimate', e2eMs: null })
  })

  test('an arrival the apportioning gives no token folds its time into the next', () => {
    const arrivals = arrivalsFromParts([
      { type: 'text', text: 'x'.repeat(50), at: 0 },
      { type: 'text', text: 'y', at: 10 },
      { type: 'text', text: 'z'.repeat(49), at: 30 },
    ])
    const m = callMeasures(arrivals, timing({ first_token_ms: 0, end_ms: 30 }), usage(2))
    expect(m.tokensPerArrival).toEqual([1, 0, 1])
    expect(m.tokenItlMs).toEqual([30])
  })
})
