// Timing truth: for the same request, the engine's TTFT and decode figures agree with
// the clocks of servers we did not write — llama.cpp's own prefill and decode seconds
// (its /metrics totals, read before and after each request) and Ollama's own
// nanosecond durations — within the tolerances below. A tolerance check, not a speed
// test: nothing here bounds how fast the model runs.
//
// Why the engine's figures differ at all (README, "Real-server tests"):
// - TTFT = our call → first token at our socket. The server's prefill clock starts
//   after it has parsed the HTTP request, applied the chat template and tokenized, and
//   stops when the first token is sampled; detokenizing that token, the SSE/NDJSON
//   write and loopback delivery are in our TTFT only. So TTFT ≥ prefill, and TTFT −
//   prefill is the server's HTTP + template + first-token-write time.
// - The decode window (first token → end of stream at our socket) and the server's
//   decode time both span the tokens after the first; they differ by the delivery
//   jitter of the first and last token and by the finish/usage/[DONE] frames.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { completion } from '@edgequake/llm'
import { collect, llamaTotals, MODEL, serversPerFile, T } from './helpers.mjs'

/** The documented tolerances (README): an absolute floor, or a fraction of the server's figure, whichever is larger. */
const TOLERANCE = {
  /** TTFT may exceed the server's prefill by at most this (HTTP, template, first-token write); never fall short of it. */
  ttftOverPrefillMs: 50,
  ttftOverPrefillFraction: 0.1,
  /** The decode window and the server's decode time, and the two decode rates. */
  decodeMs: 50,
  decodeFraction: 0.1,
  /** Ollama's Go HTTP layer sits between its runner's clock and ours: a wider bound for Ollama. */
  ollamaMs: 100,
  ollamaRateFraction: 0.2,
  /** Clock rounding: llama.cpp's /metrics totals have millisecond resolution. */
  roundingMs: 2,
}
const SAMPLES = 5

const h = serversPerFile(['llama', 'ollama'])

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const within = (diff, server, ms, fraction) => Math.abs(diff) <= Math.max(ms, fraction * server)
const f1 = (x) => Math.round(x * 10) / 10

/** ~180 tokens of prompt (a prefill long enough to measure), made unique per sample so no cache can skip it. */
const messages = (i) => [
  {
    role: 'user',
    content: `Log ${i}. ${'The lighthouse keeper wrote in his log every evening. '.repeat(14)}\nSummarise the log in one sentence.`,
  },
]

describe('timing truth against servers we did not write', () => {
  test('llama.cpp: TTFT vs its prefill time, decode window and rate vs its decode time', T, async () => {
    const url = h.s.llama.url
    const call = (i) =>
      completion({
        model: `openai/${MODEL}`,
        api_base: `${url}/v1`,
        api_key: 'unused',
        messages: messages(i),
        temperature: 0,
        max_tokens: 48,
        stream: true,
      })
    await collect(await call(-1)) // warm: first-request costs are nobody's latency
    const rows = []
    for (let i = 0; i < SAMPLES; i++) {
      const before = await llamaTotals(url)
      const s = await call(i)
      const r = await collect(s)
      const after = await llamaTotals(url)
      const t = s.timing
      const prefillMs = (after.promptSeconds - before.promptSeconds) * 1000
      const decodeMs = (after.decodeSeconds - before.decodeSeconds) * 1000
      const decodeTokens = after.decodeTokens - before.decodeTokens
      assert.equal(decodeTokens, r.usage.completion_tokens, 'one request between the two reads')
      assert.ok(decodeTokens > 10, `enough tokens to time (${decodeTokens})`)
      // Never before the server had the token: our clock cannot run ahead of theirs.
      assert.ok(t.first_token_ms >= prefillMs - TOLERANCE.roundingMs, `TTFT ${t.first_token_ms} < prefill ${prefillMs}`)
      rows.push({
        ttftOver: t.first_token_ms - prefillMs,
        prefillMs,
        decodeDiff: t.end_ms - t.first_token_ms - decodeMs,
        decodeMs,
        rate: t.decode_tokens_per_s,
        serverRate: (decodeTokens - 1) / (decodeMs / 1000),
      })
    }
    const m = {
      ttftOver: median(rows.map((x) => x.ttftOver)),
      prefillMs: median(rows.map((x) => x.prefillMs)),
      decodeDiff: median(rows.map((x) => x.decodeDiff)),
      decodeMs: median(rows.map((x) => x.decodeMs)),
      rateDiff: median(rows.map((x) => x.rate - x.serverRate)),
      serverRate: median(rows.map((x) => x.serverRate)),
    }
    console.log(
      `# llama.cpp medians over ${SAMPLES}: ${JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f1(v)])))}`,
    )
    assert.ok(
      within(m.ttftOver, m.prefillMs, TOLERANCE.ttftOverPrefillMs, TOLERANCE.ttftOverPrefillFraction),
      `TTFT exceeds llama.cpp's prefill by ${m.ttftOver} ms (prefill ${m.prefillMs} ms)`,
    )
    assert.ok(
      within(m.decodeDiff, m.decodeMs, TOLERANCE.decodeMs, TOLERANCE.decodeFraction),
      `decode window differs from llama.cpp's decode time by ${m.decodeDiff} ms (${m.decodeMs} ms)`,
    )
    assert.ok(
      Math.abs(m.rateDiff) <= TOLERANCE.decodeFraction * m.serverRate,
      `decode rate differs from llama.cpp's by ${m.rateDiff} tokens/s (${m.serverRate})`,
    )
  })

  test('Ollama: end of stream vs total_duration, TTFT vs load + prompt_eval, decode rate vs eval', T, async () => {
    const call = (i) =>
      completion({
        model: `ollama/${MODEL}`,
        api_base: h.s.ollama.url,
        messages: messages(i),
        temperature: 0,
        max_tokens: 48,
        stream: true,
      })
    await collect(await call(-1))
    const rows = []
    for (let i = 0; i < SAMPLES; i++) {
      const s = await call(i)
      await collect(s)
      const t = s.timing
      const o = t.ollama
      assert.ok(o, 'timing.ollama is set')
      const ms = (ns) => ns / 1e6
      const beforeFirst = ms(o.load_duration + o.prompt_eval_duration)
      assert.ok(t.first_token_ms >= ms(o.prompt_eval_duration), `TTFT ${t.first_token_ms} < prompt_eval`)
      assert.ok(t.end_ms >= ms(o.total_duration) - TOLERANCE.roundingMs, `end ${t.end_ms} < total_duration`)
      rows.push({
        endDiff: t.end_ms - ms(o.total_duration),
        ttftOver: t.first_token_ms - beforeFirst,
        rate: t.decode_tokens_per_s,
        serverRate: o.eval_count / (o.eval_duration / 1e9),
      })
    }
    const m = {
      endDiff: median(rows.map((x) => x.endDiff)),
      ttftOver: median(rows.map((x) => x.ttftOver)),
      rateDiff: median(rows.map((x) => x.rate - x.serverRate)),
      serverRate: median(rows.map((x) => x.serverRate)),
    }
    console.log(
      `# Ollama medians over ${SAMPLES}: ${JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f1(v)])))}`,
    )
    assert.ok(Math.abs(m.endDiff) <= TOLERANCE.ollamaMs, `end of stream − total_duration = ${m.endDiff} ms`)
    assert.ok(Math.abs(m.ttftOver) <= TOLERANCE.ollamaMs, `TTFT − (load + prompt_eval) = ${m.ttftOver} ms`)
    assert.ok(
      Math.abs(m.rateDiff) <= TOLERANCE.ollamaRateFraction * m.serverRate,
      `decode rate differs from Ollama's eval rate by ${m.rateDiff} tokens/s (${m.serverRate})`,
    )
  })
})
