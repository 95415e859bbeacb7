/**
 * Eight columns and honest figures, in Chromium at 1440×900. With the prompt panel
 * hidden, eight columns sit side by side with nothing cut: every column on screen,
 * no metric label truncated, each model's full id on hover and in the race legend;
 * an added column arrives with a model. While streaming, token counts and rates say
 * they are estimates; at the end the provider's count replaces them, visibly. Money
 * reads as dollars, never in exponent notation.
 */
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
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
const LOOKALIKES = ['openai/gpt-4o', 'openai/gpt-4.1', 'openai/gpt-4o-mini'] as const
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

let stack: Stack
let page: Page

interface Box {
  left: number
  right: number
}

describe.skipIf(!chromium)('playground UI: eight columns, estimates, money', () => {
  beforeAll(async () => {
    stack = await startStack()
    await stack.fake.setDefaultScript({ text: words(12), chunk_delay_ms: 5 })
    page = await stack.openPage()
    await waitForApp(page)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('eight columns fit at 1440×900 with nothing cut, full ids on hover and in the legend', async () => {
    await setPrompt(page, `Eight ${uniqueSuffix()}`)
    await page.getByTestId('toggle-sidebar').click()
    try {
      await eightColumns()
    } finally {
      await setColumnCount(page, 2)
      await page.getByTestId('toggle-sidebar').click()
    }
  })

  async function eightColumns(): Promise<void> {
    await setColumnCount(page, 8)
    // Every added column came with a model.
    const ids = await page
      .getByTestId('model-search')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')))
    expect(ids).toHaveLength(8)
    expect(ids.every((id) => id !== null && id !== '')).toBe(true)
    for (const [i, id] of LOOKALIKES.entries()) await pickModel(page, i, id.split('/')[1]!, id)
    // The full id is one hover away on each header.
    for (const [i, id] of LOOKALIKES.entries()) {
      expect(await column(page, i).getByTestId('model-search').getAttribute('title')).toBe(id)
    }
    await startRun(page)
    await waitForRunEnd(page)

    const layout = await page.evaluate(() => {
      type El = {
        getBoundingClientRect(): Box & { top: number; bottom: number }
        scrollWidth: number
        clientWidth: number
        textContent: string | null
      }
      const all = (s: string) => [...document.querySelectorAll(s)] as unknown as El[]
      const strip = document.querySelector('.columns') as unknown as El
      return {
        columns: all('[data-testid^="column-"][data-status]').map((c) => c.getBoundingClientRect()),
        strip: { scroll: strip.scrollWidth, client: strip.clientWidth },
        cutLabels: all('.columns .metric dt')
          .filter((dt) => dt.scrollWidth > dt.clientWidth)
          .map((dt) => dt.textContent),
        cutValues: all('.columns .metric dd')
          .filter((dd) => dd.scrollWidth > dd.clientWidth + 1)
          .map((dd) => dd.textContent),
      }
    })
    expect(layout.columns).toHaveLength(8)
    for (const box of layout.columns) {
      expect(box.left).toBeGreaterThanOrEqual(0)
      expect(box.right).toBeLessThanOrEqual(1440)
      expect(box.right - box.left).toBeGreaterThanOrEqual(150)
    }
    expect(layout.strip.scroll).toBeLessThanOrEqual(layout.strip.client)
    expect(layout.cutLabels).toEqual([])
    expect(layout.cutValues).toEqual([])

    // The legend names each column by its full id.
    const legend = await page.locator('[data-testid="race-chart"] .u-legend .u-series .u-label').allInnerTexts()
    for (const [i, id] of LOOKALIKES.entries()) expect(legend).toContain(`${i + 1} ${id}`)
  }

  test('live figures are labelled estimates; the provider count replaces them visibly at the end', async () => {
    // 40 words of ~7 characters (≈ 75 estimated tokens), but the provider counts 30.
    await stack.fake.setModelScript('gpt-4o-mini', {
      text: words(40),
      chunk_delay_ms: 40,
      usage: { prompt_tokens: 12, completion_tokens: 30 },
    })
    await pickModel(page, 0, 'gpt-4o-mini', 'openai/gpt-4o-mini')
    await setPrompt(page, `Estimates ${uniqueSuffix()}`)
    await startRun(page)
    await waitForStatus(page, 0, 'streaming')
    const tokens = column(page, 0).getByTestId('metric-tokens')
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid="column-0"] [data-testid="metric-tokens"]')?.getAttribute('data-value'),
        ) >= 10,
      undefined,
      { timeout: STEP_TIMEOUT },
    )
    const live = (await tokens.textContent()) ?? ''
    expect(live).toMatch(/^~\d+ est\.$/)
    expect(await column(page, 0).getByTestId('metric-decode-tps').textContent()).toMatch(/^(~[\d.]+ est\.|— est\.)$/)

    await waitForRunEnd(page)
    expect(await tokens.textContent()).toBe('30 provider')
    const note = column(page, 0).getByTestId('estimate-reconciled')
    expect(Number(await note.getAttribute('data-estimate'))).toBeGreaterThan(60)
    expect(await note.getAttribute('data-provider')).toBe('30')
    expect(await note.textContent()).toMatch(/^Estimated ~\d+ → 30 tokens \(provider count\)$/)
    expect(await note.getAttribute('title')).toMatch(/decode ~[\d.]+ → [\d.]+ tok\/s$/)
  })

  test('cost reads as dollars, never in exponent notation', async () => {
    // 12 input + 30 output tokens of gpt-4o-mini ($0.15 / $0.60 per million) = $0.0000198.
    const cost = column(page, 0).getByTestId('metric-cost')
    expect(Number(await cost.getAttribute('data-value'))).toBeCloseTo(1.98e-5, 10)
    expect(await cost.textContent()).toBe('$0.000020')
  })
})

test.skipIf(chromium)('playground UI: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
