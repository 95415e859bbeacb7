/**
 * Error hints that tell the truth, in Chromium. A stream cut after tokens is a
 * broken connection, not "could not connect"; one failed column is retried alone
 * while the others keep their output; a long provider message is readable in full
 * (its box scrolls inside the column); a provider nobody knows is refused before
 * Run, naming the known ones, and nothing is sent.
 */
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
  outputText,
  pickModel,
  STEP_TIMEOUT,
  setPrompt,
  startRun,
  uniqueSuffix,
  waitForApp,
  waitForRunEnd,
} from './ui-helpers'

const chromium = existsSync(CHROMIUM_PATH)
const words = Array.from({ length: 30 }, (_, i) => `t${i}`)
const HEALTHY = 'The healthy column answers in full.'

let stack: Stack
let page: Page

describe.skipIf(!chromium)('playground UI: error hints', () => {
  beforeAll(async () => {
    stack = await startStack()
    await stack.fake.setModelScript('claude-sonnet-4-0', { text: HEALTHY, chunk_delay_ms: 2 })
    page = await stack.openPage()
    await waitForApp(page)
    await pickModel(page, 1, 'sonnet-4-0', 'anthropic/claude-sonnet-4-0')
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('a disconnect after tokens is a broken connection with the output kept, not "could not connect"', async () => {
    await stack.fake.setModelScript('gpt-4o-mini', { text: words.join(' '), chunk_delay_ms: 2, disconnect_after: 8 })
    await pickModel(page, 0, 'gpt-4o-mini', 'openai/gpt-4o-mini')
    await setPrompt(page, `Disconnect ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page)
    const error = column(page, 0).getByTestId('column-error')
    expect(await error.getAttribute('role')).toBe('alert')
    expect(await error.locator('strong').textContent()).toBe('APIConnectionError')
    const hint = (await error.getByTestId('column-error-hint').textContent()) ?? ''
    expect(hint).toMatch(/^The connection to OpenAI broke after 8 chunks arrived \(kept above\): retry this column$/)
    expect(hint).not.toContain('Could not connect')
    expect(await outputText(column(page, 0))).toBe(words.slice(0, 8).join(' '))
  })

  test('one failed column is retried alone; the other keeps what it showed', async () => {
    await stack.fake.setModelScript('gpt-4o-mini', {
      text: 'Second time lucky.',
      chunk_delay_ms: 2,
      fail_first: 1,
      id: `retry-${uniqueSuffix()}`,
      status: 503,
    })
    await setPrompt(page, `Retry ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page)
    expect(await column(page, 0).getAttribute('data-status')).toBe('failed')
    expect(await outputText(column(page, 1))).toBe(HEALTHY)
    await stack.fake.clearRequests()

    await column(page, 0).getByTestId('retry-column').click()
    await page.locator('[data-testid="column-0"][data-status="done"]').waitFor({ timeout: STEP_TIMEOUT })
    await waitForRunEnd(page)
    expect(await outputText(column(page, 0))).toBe('Second time lucky.')
    // Only that column was sent again; the other was not touched.
    const sent = (await stack.fake.requests()).filter((r) => /chat\/completions|messages/.test(r.path))
    expect(sent.map((r) => (r.body as { model: string }).model)).toEqual(['gpt-4o-mini'])
    expect(await column(page, 1).getAttribute('data-status')).toBe('done')
    expect(await outputText(column(page, 1))).toBe(HEALTHY)
    expect(await column(page, 0).getByTestId('column-error').count()).toBe(0)
  })

  test('a 429 shows how long the provider asked to wait (its retry-after)', async () => {
    await stack.fake.setModelScript('gpt-4o-mini', { status: 429, headers: { 'retry-after': '7' } })
    await setPrompt(page, `Rate limited ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page)
    const error = column(page, 0).getByTestId('column-error')
    expect(await error.locator('strong').textContent()).toBe('RateLimitError')
    expect(await error.getByTestId('retry-after').textContent()).toBe('retry after 7 s')
  })

  test('a long provider message is shown whole: its box scrolls inside the column', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `detail-${i} of what the provider disliked.`).join(' ')
    await stack.fake.setModelScript('gpt-4o-mini', { status: 400, error: { message: long } })
    await setPrompt(page, `Long error ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page)
    const box = column(page, 0).getByTestId('column-error')
    expect(await box.getByTestId('column-error-message').textContent()).toContain('detail-119 of what')
    // A provider that answered 400 rejected the request; the hint says that, not "refused before sending".
    expect(await box.getByTestId('column-error-hint').textContent()).toBe(
      "OpenAI rejected the request: check this column's parameters",
    )
    const geometry = await box.evaluate((el) => {
      const e = el as unknown as {
        scrollHeight: number
        clientHeight: number
        getBoundingClientRect(): { bottom: number }
        closest(s: string): { getBoundingClientRect(): { bottom: number } } | null
      }
      return {
        scrolls: e.scrollHeight > e.clientHeight,
        bottom: e.getBoundingClientRect().bottom,
        columnBottom: e.closest('article')!.getBoundingClientRect().bottom,
      }
    })
    expect(geometry.scrolls).toBe(true)
    expect(geometry.bottom).toBeLessThanOrEqual(geometry.columnBottom)
    // Scrolled to its end, the last words are there to read.
    await box.evaluate((el) => {
      const e = el as unknown as { scrollTop: number; scrollHeight: number }
      e.scrollTop = e.scrollHeight
    })
    expect(await box.getByText(/detail-119 of what/).isVisible()).toBe(true)
  })

  test('an unknown provider is refused before Run, naming the known ones; nothing is sent', async () => {
    // A draft from elsewhere (or an old history entry) can hold what the picker would refuse.
    // Let the page's own (debounced) draft save land first, so it cannot overwrite this one.
    const shown = await page.getByTestId('prompt-input').first().inputValue()
    for (let i = 0; i < 100 && (await stack.api.call('getDraft'))?.turns[0]?.content !== shown; i++) {
      await page.waitForTimeout(50)
    }
    await page.goto('about:blank')
    await stack.api.call('saveDraft', {
      system: '',
      turns: [{ role: 'user', content: 'hi' }],
      params: {},
      columns: [{ model: 'nonsense/foo-bar', overrides: {} }],
    })
    await page.goto(stack.web.launchUrl)
    await waitForApp(page)
    await stack.fake.clearRequests()
    await page.getByTestId('run').click()
    const notice = page.getByTestId('notice')
    await notice.waitFor({ timeout: STEP_TIMEOUT })
    expect(await notice.textContent()).toMatch(
      /^Column 1: Unknown provider "nonsense": use one of anthropic, azure, .*openai.*simulated.* \(as provider\/model\)\./,
    )
    expect(await page.getByTestId('run').isDisabled()).toBe(false)
    expect(await stack.fake.requests()).toEqual([])
    // Main refuses it too, whoever asks.
    await expect(
      stack.api.run({
        messages: [{ role: 'user', content: 'hi' }],
        params: {},
        columns: [{ columnId: 'a', model: 'nonsense/foo-bar' }],
      }),
    ).rejects.toThrow(/unknown provider \\"nonsense\\"/)
  })
})

test.skipIf(chromium)('playground UI: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
