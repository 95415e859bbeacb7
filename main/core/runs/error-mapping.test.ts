import { describe, expect, test } from 'vitest'
import { type ErrorContext, toColumnError } from './error-mapping'

const ctx: ErrorContext = { providerLabel: 'OpenAI', endpoint: false, local: false, secrets: [], streamTimeoutS: 60 }
const err = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...extra })

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
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '7']) {
      expect(toColumnError(err('RateLimitError', { retry_after: bad }), ctx).retry_after_s).toBeUndefined()
    }
    expect(toColumnError(err('RateLimitError', { retry_after: 1e12 }), ctx).retry_after_s).toBe(86_400)
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
