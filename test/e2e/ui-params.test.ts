/**
 * Parameters in Chromium: the run goes out with exactly what the fields show.
 * An invalid value (out of range, not a number) blocks the run with the allowed
 * range written at the field, from main's table (the engine's own), and nothing
 * reaches the provider; the values stored in history are the ones the provider
 * received; a column's invalid override blocks the run too, even with its panel
 * closed, and Escape closes that panel.
 */
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
  openView,
  type PageDocument,
  pickModel,
  STEP_TIMEOUT,
  setPrompt,
  startRun,
  uniqueSuffix,
  waitForApp,
  waitForRunEnd,
} from './ui-helpers'

declare const document: PageDocument

const chromium = existsSync(CHROMIUM_PATH)
const MODEL = 'openai/gpt-4o-mini'

let stack: Stack
let page: Page

/** The chat requests the fake received for gpt-4o-mini, newest last. */
async function chats(): Promise<Array<Record<string, unknown>>> {
  return (await stack.fake.requests())
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => r.body as Record<string, unknown>)
    .filter((b) => b.model === 'gpt-4o-mini')
}

const field = (name: string) => page.getByLabel(`Shared ${name}`, { exact: true })

describe.skipIf(!chromium)('playground UI: parameters run as shown', () => {
  beforeAll(async () => {
    stack = await startStack()
    await stack.fake.setModelScript('gpt-4o-mini', { text: 'Parameters as shown.', chunk_delay_ms: 5 })
    page = await stack.openPage()
    await waitForApp(page)
    await pickModel(page, 0, 'gpt-4o-mini', MODEL)
    await pickModel(page, 1, 'gpt-4o-mini', MODEL)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('an invalid value blocks the run with the range at the field; history holds what was sent', async () => {
    await setPrompt(page, `Params ${uniqueSuffix()}`)
    await field('temperature').fill('0.7')
    await field('max tokens').fill('100')
    await startRun(page)
    await waitForRunEnd(page)
    const first = await chats()
    expect(first.at(-1)).toMatchObject({ temperature: 0.7 })
    expect(first.at(-1)!.max_tokens ?? first.at(-1)!.max_completion_tokens).toBe(100)
    await stack.fake.clearRequests()

    // Out of range and not a number: each field says what it takes, from the engine's table.
    await field('temperature').fill('5')
    await field('max tokens').fill('-5')
    const tempError = page.locator('#param-shared-temperature-error')
    await tempError.waitFor({ timeout: STEP_TIMEOUT })
    expect(await tempError.textContent()).toBe('Use a number from 0 to 2')
    expect(await page.locator('#param-shared-max_tokens-error').textContent()).toMatch(
      /^Use a whole number from 1 to \d+$/,
    )
    expect(await field('temperature').getAttribute('aria-invalid')).toBe('true')
    expect(await field('temperature').getAttribute('aria-describedby')).toBe('param-shared-temperature-error')
    await field('temperature').fill('abc')
    expect(await tempError.textContent()).toBe('Not a number: use a number from 0 to 2')

    // Run is refused: a notice names the field, focus goes to it, nothing reaches the provider.
    await page.getByTestId('run').click()
    const notice = page.getByTestId('notice')
    await notice.waitFor({ timeout: STEP_TIMEOUT })
    expect(await notice.textContent()).toContain('Fix Shared temperature: Not a number: use a number from 0 to 2')
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('id') === 'param-shared-temperature',
      undefined,
      {
        timeout: STEP_TIMEOUT,
      },
    )
    expect(await page.getByTestId('run').isDisabled()).toBe(false)
    expect(await chats()).toEqual([])

    // Fixed: the run sends exactly the new values, and history stores what was sent.
    await field('temperature').fill('1.5')
    await field('max tokens').fill('42')
    expect(await page.locator('[data-testid="field-error"]').count()).toBe(0)
    const prompt = `Params fixed ${uniqueSuffix()}`
    await setPrompt(page, prompt)
    await startRun(page)
    await waitForRunEnd(page)
    const sent = await chats()
    expect(sent).toHaveLength(2)
    for (const body of sent) {
      expect(body.temperature).toBe(1.5)
      expect(body.max_tokens ?? body.max_completion_tokens).toBe(42)
    }
    const [latest] = await stack.api.call('listHistory', prompt)
    const stored = await stack.api.call('getRun', latest!.runId)
    expect(stored!.request.params).toEqual({ temperature: 1.5, max_tokens: 42 })
  })

  test("a column's invalid override blocks the run even with its panel closed; Escape closes the panel", async () => {
    await field('temperature').fill('')
    await field('max tokens').fill('')
    await stack.fake.clearRequests()
    const toggle = column(page, 1).getByRole('button', { name: /^Parameters for column 2/ })
    await toggle.click()
    const override = page.getByLabel('Column 2 top p', { exact: true })
    await override.fill('1.5')
    await column(page, 1).getByTestId('field-error').waitFor({ timeout: STEP_TIMEOUT })
    expect(await column(page, 1).getByTestId('field-error').textContent()).toBe('Use a number from 0 to 1')
    // Escape inside the panel closes it and gives focus back to its button.
    await override.press('Escape')
    await column(page, 1).getByTestId('column-params').waitFor({ state: 'detached', timeout: STEP_TIMEOUT })
    expect(await toggle.evaluate((el) => el === (el.ownerDocument as unknown as PageDocument).activeElement)).toBe(true)
    expect(await toggle.getAttribute('aria-label')).toBe('Parameters for column 2 (has an invalid value)')

    // Run: refused, and the panel reopens on the field with what was typed.
    await page.getByTestId('run').click()
    await column(page, 1).getByTestId('column-params').waitFor({ timeout: STEP_TIMEOUT })
    expect(await override.inputValue()).toBe('1.5')
    expect(await page.getByTestId('notice').textContent()).toContain('Fix Column 2 top p')
    expect(await chats()).toEqual([])

    await override.fill('0.5')
    await startRun(page)
    await waitForRunEnd(page)
    const sent = await chats()
    expect(sent.map((b) => b.top_p ?? null).sort()).toEqual([0.5, null])
  })

  test("the stall timeout in Settings is checked against the engine's stream_timeout row", async () => {
    await openView(page, 'settings')
    const input = page.getByTestId('stall-timeout')
    await input.fill('0')
    await page.getByTestId('stall-timeout-error').waitFor({ timeout: STEP_TIMEOUT })
    expect(await page.getByTestId('stall-timeout-error').textContent()).toBe('Use a number greater than 0 to 86400')
    expect(await page.getByTestId('stall-timeout-save').isDisabled()).toBe(true)
    await input.fill('30')
    await page.getByTestId('stall-timeout-save').click()
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="stall-timeout-save"]')?.disabled ?? false) === true,
      undefined,
      { timeout: STEP_TIMEOUT },
    )
    expect((await stack.api.call('getSettings')).streamTimeoutS).toBe(30)
    await openView(page, 'playground')
  })
})

test.skipIf(chromium)('playground UI: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
