/**
 * A stream that stops sending, and the draft, in Chromium. A stalled column says
 * live how long nothing has arrived, then fails with the engine's Timeout after the
 * stall timeout set in Settings, keeping what arrived. The draft (system prompt,
 * turns, shared parameters, columns with their models and overrides) comes back
 * after a reload and after the server restarts.
 */
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
  outputText,
  type PageDocument,
  pickModel,
  STEP_TIMEOUT,
  setColumnCount,
  setPrompt,
  startRun,
  uniqueSuffix,
  waitForApp,
  waitForRunEnd,
  waitForStatus,
} from './ui-helpers'

declare const document: PageDocument

const chromium = existsSync(CHROMIUM_PATH)
const words = Array.from({ length: 30 }, (_, i) => `w${i}`)
const STALL_TIMEOUT_S = 3

let stack: Stack
let page: Page

describe.skipIf(!chromium)('playground UI: stalls and the draft', () => {
  beforeAll(async () => {
    stack = await startStack()
    await stack.fake.setModelScript('gpt-4o-mini', { text: words.join(' '), chunk_delay_ms: 5, stall_after: 10 })
    await stack.fake.setModelScript('claude-sonnet-4-0', { text: 'Anthropic answers in full.', chunk_delay_ms: 5 })
    await stack.api.call('updateSettings', { streamTimeoutS: STALL_TIMEOUT_S })
    page = await stack.openPage()
    await waitForApp(page)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('a stalled stream shows "no tokens for N s" live, then fails with Timeout, keeping what arrived', async () => {
    await pickModel(page, 0, 'gpt-4o-mini', 'openai/gpt-4o-mini')
    await pickModel(page, 1, 'sonnet-4-0', 'anthropic/claude-sonnet-4-0')
    await setPrompt(page, `Stall ${uniqueSuffix()}`)
    await startRun(page)
    await waitForStatus(page, 0, 'streaming')
    const badge = column(page, 0).getByTestId('stall-live')
    await badge.waitFor({ timeout: STEP_TIMEOUT })
    const first = Number(await badge.getAttribute('data-silent-ms'))
    expect(await badge.textContent()).toMatch(/^no tokens for \d+ s$/)
    // It counts up while nothing arrives (the column still says "streaming").
    await page.waitForFunction(
      (before) => {
        const el = document.querySelector('[data-testid="column-0"] [data-testid="stall-live"]')
        return el !== null && Number(el.getAttribute('data-silent-ms')) >= before + 1000
      },
      first,
      { timeout: STEP_TIMEOUT },
    )
    expect(await badge.textContent()).toMatch(/^no tokens for [1-9]\d* s$/)
    expect(await column(page, 0).getAttribute('data-status')).toBe('streaming')
    // The healthy column finished and shows no stall.
    expect(await column(page, 1).getByTestId('stall-live').count()).toBe(0)

    // The engine's idle timeout (Settings) ends it: Timeout, its message, a hint naming the setting.
    await waitForStatus(page, 0, 'failed', STALL_TIMEOUT_S * 1000 + STEP_TIMEOUT)
    await waitForRunEnd(page)
    const error = column(page, 0).getByTestId('column-error')
    expect(await error.locator('strong').textContent()).toBe('Timeout')
    expect(await error.getByTestId('column-error-message').textContent()).toContain(
      `received nothing for stream_timeout=${STALL_TIMEOUT_S}s`,
    )
    expect(await error.getByTestId('column-error-hint').textContent()).toContain('the stall timeout in Settings')
    expect(await column(page, 0).getByTestId('stall-live').count()).toBe(0)
    expect(await outputText(column(page, 0))).toBe(words.slice(0, 10).join(' '))
    expect(await column(page, 1).getAttribute('data-status')).toBe('done')
  })

  test('the draft survives a reload and a server restart', async () => {
    await setColumnCount(page, 3)
    await pickModel(page, 2, 'gemini-2.5-flash', 'gemini/gemini-2.5-flash')
    const system = `Be terse ${uniqueSuffix()}`
    await page.getByTestId('system-prompt').fill(system)
    await setPrompt(page, 'First question')
    await page.getByTestId('add-turn').click()
    await page.getByTestId('prompt-input').nth(1).fill('An earlier answer')
    await page.getByTestId('add-turn').click()
    await page.getByTestId('prompt-input').nth(2).fill('Follow-up question')
    await page.getByLabel('Shared temperature', { exact: true }).fill('0.3')
    await column(page, 2)
      .getByRole('button', { name: /^Parameters for column 3/ })
      .click()
    await page.getByLabel('Column 3 seed', { exact: true }).fill('7')

    const expected = {
      system,
      turns: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'An earlier answer' },
        { role: 'user', content: 'Follow-up question' },
      ],
      params: { temperature: 0.3 },
      columns: [
        { model: 'openai/gpt-4o-mini', overrides: {} },
        { model: 'anthropic/claude-sonnet-4-0', overrides: {} },
        { model: 'gemini/gemini-2.5-flash', overrides: { seed: 7 } },
      ],
    }
    // Saved by main, debounced: poll until it holds the last change.
    let saved: unknown = null
    for (let i = 0; i < 200; i++) {
      saved = await stack.api.call('getDraft')
      if (JSON.stringify(saved) === JSON.stringify(expected)) break
      await page.waitForTimeout(50)
    }
    expect(saved).toEqual(expected)

    const check = async (p: Page) => {
      await waitForApp(p)
      expect(await p.getByTestId('system-prompt').inputValue()).toBe(system)
      expect(
        await p
          .getByTestId('prompt-input')
          .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value)),
      ).toEqual(expected.turns.map((t) => t.content))
      expect(await p.getByLabel('Message 2 (assistant)').count()).toBe(1)
      expect(await p.getByLabel('Shared temperature', { exact: true }).inputValue()).toBe('0.3')
      const models = await p
        .getByTestId('model-search')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')))
      expect(models).toEqual(expected.columns.map((c) => c.model))
      await column(p, 2)
        .getByRole('button', { name: /^Parameters for column 3/ })
        .click()
      expect(await p.getByLabel('Column 3 seed', { exact: true }).inputValue()).toBe('7')
    }
    await page.reload()
    await check(page)

    await stack.web.restart()
    await page.close()
    page = await stack.openPage()
    await check(page)
  })
})

test.skipIf(chromium)('playground UI: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
