import { afterAll, beforeAll, describe, expect, test } from 'vitest'
// @ts-expect-error: plain ESM without types (test/fake-provider/README.md documents it)
import { startFakeProvider } from '../../../test/fake-provider/server.mjs'
import { createEngine, type EngineErrorInfo, type EngineErrorKind, engineError } from '../engine'
import { type ErrorContext, toColumnError } from './error-mapping'

const ctx: ErrorContext = { providerLabel: 'OpenAI', endpoint: false, local: false, secrets: [], streamTimeoutS: 60 }
/** The engine's own error class, as the engine would throw it. */
const err = (name: EngineErrorKind, extra: EngineErrorInfo = {}) => engineError(name, `${name} happened`, extra)

describe('toColumnError hints', () => {
  test('a connection that breaks after tokens is not "could not connect"', () => {
    const before = toColumnError(err('APIConnectionError'), ctx)
    expect(before.hint).toBe('Could not connect to OpenAI: check the base URL and your network')
    const after = toColumnError(err('APIConnectionError'), { ...ctx, chunksBefore: 116 })
    expect(after.hint).toBe('The connection to OpenAI broke after 116 chunks arrived (kept above): retry this column')
    expect(after.chunks_before).toBe(116)
  })

  test('a stall names the timeout from Settings; retry-after is shown when the engine reports it', () => {
    const stalled = toColumnError(err('Timeout'), { ...ctx, chunksBefore: 10 })
    expect(stalled.hint).toContain('sent nothing for 60 s (the stall timeout in Settings)')
    const limited = toColumnError(err('RateLimitError', { status_code: 429, retry_after: 7 }), ctx)
    expect([limited.retry_after_s, limited.hint]).toEqual([
      7,
      'Rate limited by OpenAI: it asks to wait 7 s before retrying',
    ])
  })

  test('an unusable reply (APIError) after tokens says what arrived is kept', () => {
    expect(toColumnError(err('APIError'), ctx).hint).toMatch(/^OpenAI sent something that is not a valid answer/)
    expect(toColumnError(err('APIError'), { ...ctx, chunksBefore: 1 }).hint).toBe(
      "OpenAI's reply became unusable after 1 chunk (kept above; see the message): retry this column",
    )
  })

  test('a request refused by the engine itself does not blame the provider', () => {
    expect(toColumnError(err('BadRequestError'), ctx).hint).toMatch(/^The request was refused before it was sent/)
    expect(toColumnError(err('BadRequestError', { status_code: 400 }), ctx).hint).toBe(
      "OpenAI rejected the request: check this column's parameters",
    )
  })
})

describe('toColumnError shows what the engine decided', () => {
  test("the engine's detail, without its library hint; the app's hint instead", () => {
    const e = err('AuthenticationError', { status_code: 401, hint: 'check the API key: pass `api_key`' })
    expect(e.message).toContain('pass `api_key`')
    const shown = toColumnError(e, ctx)
    expect([shown.message, shown.hint, shown.status_code]).toEqual([
      'AuthenticationError happened',
      'Set the OpenAI key in Settings',
      401,
    ])
  })

  test("retryable is the engine's, never re-derived from the status", () => {
    expect(toColumnError(err('BadRequestError', { status_code: 409, retryable: true }), ctx).retryable).toBe(true)
    expect(toColumnError(err('APIError', { status_code: 502, retryable: false }), ctx).retryable).toBe(false)
  })

  test('a look-alike is not an engine error: a plain Error or a string is shown as what it is', () => {
    const lookAlike = Object.assign(new Error('slow down sk-abcdefghijkl'), { name: 'RateLimitError', retryable: true })
    expect(toColumnError(lookAlike, ctx)).toEqual({
      name: 'RateLimitError',
      message: 'slow down sk-[redacted]',
      status_code: null,
      retryable: false,
      hint: null,
    })
    expect(toColumnError('boom', ctx)).toEqual({
      name: 'Error',
      message: 'boom',
      status_code: null,
      retryable: false,
      hint: null,
    })
    expect(toColumnError(undefined, ctx).message).toBe('undefined')
  })
})

describe('retry-after from the real engine (fake provider on 127.0.0.1)', () => {
  let fake: { url: string; setModelScript(model: string, script: object): void; close(): Promise<void> }
  const engine = createEngine()
  beforeAll(async () => {
    fake = await startFakeProvider({ port: 0 })
  })
  afterAll(async () => {
    await fake.close()
  })

  async function rateLimited(retryAfter: string): Promise<unknown> {
    fake.setModelScript('limited', { status: 429, headers: { 'retry-after': retryAfter } })
    try {
      const stream = await engine.stream({
        model: 'openai/limited',
        api_base: `${fake.url}/v1`,
        api_key: 'sk-fake',
        messages: [{ role: 'user', content: 'hi' }],
        signal: new AbortController().signal,
      })
      for await (const _ of stream) {
        // a 429 has no chunks
      }
    } catch (e) {
      return e
    }
    throw new Error('the call did not fail')
  }

  test('a wait the engine reports is shown; one that is not advice is not', async () => {
    const shown = toColumnError(await rateLimited('7'), ctx)
    expect([shown.name, shown.retry_after_s, shown.hint]).toEqual([
      'RateLimitError',
      7,
      'Rate limited by OpenAI: it asks to wait 7 s before retrying',
    ])
    for (const bad of ['-1', 'NaN', 'inf', '0']) {
      expect(toColumnError(await rateLimited(bad), ctx).retry_after_s, bad).toBeUndefined()
    }
    expect(toColumnError(await rateLimited('1e12'), ctx).retry_after_s).toBe(86_400)
  })
})
