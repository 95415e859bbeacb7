/**
 * Keyboard and screen-reader use, in Chromium: a heading outline (the app, the
 * prompt panel's sections, each column); Tab leaves a model picker for the next
 * control, not for the page's body; a run's start and end are announced (polite
 * status), a failed column's error is an alert; "Open Settings" from a key error
 * lands in that provider's key field; Escape and Ctrl+. stop a run.
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
  waitForStatus,
} from './ui-helpers'

declare const document: PageDocument

const chromium = existsSync(CHROMIUM_PATH)
const SLOW = Array.from({ length: 60 }, (_, i) => `slow${i}`).join(' ')

let stack: Stack
let page: Page

/** The focused element: its id, and its accessible name when it has one. */
const focused = () =>
  page.evaluate(() => ({
    id: document.activeElement?.getAttribute('id') ?? null,
    label: document.activeElement?.getAttribute('aria-label') ?? null,
    body: document.activeElement === document.body,
  }))

describe.skipIf(!chromium)('playground UI: keyboard and screen readers', () => {
  beforeAll(async () => {
    stack = await startStack()
    await stack.fake.setModelScript('claude-sonnet-4-0', { text: SLOW, chunk_delay_ms: 100 })
    await stack.fake.setModelScript('gemini-2.5-flash', { text: SLOW, chunk_delay_ms: 100 })
    page = await stack.openPage()
    await waitForApp(page)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('headings outline the page; Tab leaves a model picker for the next control', async () => {
    expect(await page.locator('h1').allInnerTexts()).toEqual([expect.stringMatching(/EdgeQuake\s*Playground/)])
    const h2 = await page.locator('aside h2').allTextContents()
    expect(h2.map((t) => t.split(/\s/)[0])).toEqual(['System', 'Conversation', 'Parameters'])
    expect(await page.locator('article h3').count()).toBe(2)
    expect(await column(page, 0).locator('h3').textContent()).toMatch(/^Column 1: \S+\/\S+$/)

    const input = column(page, 0).getByTestId('model-search')
    await input.click()
    await input.fill('gpt')
    await page.keyboard.press('Tab')
    expect(await focused()).toMatchObject({ body: false, label: 'Parameters for column 1' })
    // Shift+Tab comes back to the picker, which shows the model still picked.
    await page.keyboard.press('Shift+Tab')
    expect(await focused()).toMatchObject({ label: 'Model for column 1' })
    await page.keyboard.press('Escape')
  })

  test('a run is announced; a key error is an alert whose "Open Settings" focuses that key', async () => {
    await stack.api.call('setKey', 'openai', `bad-key-${uniqueSuffix()}`)
    await pickModel(page, 0, 'gpt-4o-mini', 'openai/gpt-4o-mini')
    await pickModel(page, 1, 'simulated/alpha', 'simulated/alpha')
    await setPrompt(page, `Announce ${uniqueSuffix()}`)
    const announcer = page.getByTestId('run-announcer')
    expect(await announcer.getAttribute('role')).toBe('status')
    await startRun(page)
    await waitForRunEnd(page)
    await page.waitForFunction(
      () => document.querySelector('[data-testid="run-announcer"]')?.textContent?.startsWith('Run finished') ?? false,
      undefined,
      { timeout: STEP_TIMEOUT },
    )
    expect(await announcer.textContent()).toBe('Run finished: 1 done, 1 failed of 2 columns.')
    const alert = column(page, 0).getByRole('alert')
    expect(await alert.locator('strong').textContent()).toBe('AuthenticationError')
    await alert.getByTestId('open-settings').click()
    await page.getByTestId('theme').waitFor({ timeout: STEP_TIMEOUT })
    await page.waitForFunction(() => document.activeElement?.getAttribute('id') === 'key-openai', undefined, {
      timeout: STEP_TIMEOUT,
    })
    expect((await focused()).id).toBe('key-openai')
    await stack.api.call('setKey', 'openai', null)
    await openView(page, 'playground')
  })

  for (const [name, keys] of [
    ['Escape', 'Escape'],
    ['Ctrl+.', 'Control+Period'],
  ] as const) {
    test(`${name} stops a running run, keeping what arrived`, async () => {
      await pickModel(page, 0, 'sonnet-4-0', 'anthropic/claude-sonnet-4-0')
      await pickModel(page, 1, 'gemini-2.5-flash', 'gemini/gemini-2.5-flash')
      await setPrompt(page, `Stop by key ${uniqueSuffix()}`)
      await startRun(page)
      await waitForStatus(page, 0, 'streaming')
      await waitForStatus(page, 1, 'streaming')
      await page.keyboard.press(keys)
      await waitForRunEnd(page)
      for (const i of [0, 1]) expect(await column(page, i).getAttribute('data-status')).toBe('stopped')
      expect(await page.getByTestId('run-announcer').textContent()).toBe(
        'Run finished: 0 done, 2 stopped of 2 columns.',
      )
    })
  }
})

test.skipIf(chromium)('playground UI: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
