import { describe, expect, test } from 'vitest'
import { ttftPhases } from './phases'
import type { Timing } from './timing'

const base: Timing = {
  start_unix_ms: 0,
  dns_ms: 5,
  connect_ms: 10,
  tls_ms: 15,
  request_sent_ms: 31,
  headers_ms: 120,
  first_event_ms: 120,
  first_token_ms: 400,
  end_ms: 900,
  reused_connection: false,
  http_version: '1.1',
  chunk_offsets_ms: [],
  output_tokens: 0,
  output_tokens_source: 'provider',
  decode_tokens_per_s: null,
  e2e_tokens_per_s: null,
  buffered: false,
  attempts: 1,
}

const sum = (t: Timing) => ttftPhases(t).reduce((s, p) => s + p.ms, 0)
const byKey = (t: Timing) => Object.fromEntries(ttftPhases(t).map((p) => [p.key, p.ms]))

describe('TTFT phases', () => {
  test('client-only: connection setup, first byte, first token', () => {
    expect(byKey(base)).toEqual({ dns: 5, connect: 10, tls: 15, firstByte: 90, firstToken: 280 })
    expect(sum(base)).toBe(400)
  })

  test("Groq's report splits the wait into queue, prefill and network", () => {
    const t = { ...base, server: { groq: { queue_ms: 50, prompt_ms: 200, completion_ms: 400, total_ms: 650 } } }
    expect(byKey(t)).toEqual({ dns: 5, connect: 10, tls: 15, queue: 50, load: 0, prefill: 200, network: 120 })
    expect(ttftPhases(t).find((p) => p.key === 'prefill')!.side).toBe('server')
    expect(sum(t)).toBe(400)
  })

  test("llama.cpp's prompt_ms and Ollama's load and prompt eval are prefill and load", () => {
    const llama = { ...base, server: { llama_cpp: { prompt_ms: 300, prompt_n: 12 } } }
    expect(byKey(llama)).toMatchObject({ prefill: 300, network: 70 })
    const ollama = {
      ...base,
      server: {
        ollama: {
          total_ms: 900,
          load_ms: 100,
          prompt_eval_ms: 150,
          eval_ms: 500,
          prompt_eval_count: 9,
          eval_count: 20,
        },
      },
    }
    expect(byKey(ollama)).toMatchObject({ load: 100, prefill: 150, network: 120 })
    expect(sum(ollama)).toBe(400)
  })

  test('server figures larger than the wait the client saw are capped: never a negative network', () => {
    const t = { ...base, server: { llama_cpp: { prompt_ms: 5000 } } }
    expect(byKey(t)).toMatchObject({ prefill: 370, network: 0 })
    expect(sum(t)).toBe(400)
  })

  test('a processing-time header splits the wait for headers', () => {
    const t = { ...base, server: { headers: { 'openai-processing-ms': 60 } } }
    expect(byKey(t)).toEqual({ dns: 5, connect: 10, tls: 15, processing: 60, network: 30, firstToken: 280 })
    expect(sum(t)).toBe(400)
  })
})
