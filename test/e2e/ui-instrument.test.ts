/**
 * The instrument's views in the real app (browser mode, Chromium) against the fake
 * provider: TTFA and the thinking span of a reasoning model, token ITL with multi-token
 * chunks in the gap strip, Run ×N confidence (intervals, CV, the rank test's "faster"
 * badge, cold/warm prompt cache, goodput against an SLO), host against host, load mode
 * (the estimate and the cloud confirmation first) and the HTML report export. Each view
 * is also the README's screenshot (UPDATE_SCREENSHOTS=1 writes docs/screenshots/).
 * Timing checks are causal lower bounds from the scripts, never upper bounds.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
  download,
  metricValue,
  openHistoryRun,
  openView,
  type PageDocument,
  pickModel,
  STEP_TIMEOUT,
  setColumnCount,
  setPrompt,
  startRun,
  uniqueSuffix,
  waitForApp,
  waitForRunEnd,
} from './ui-helpers'

declare const document: PageDocument
declare function requestAnimationFrame(callback: () => void): number

const chromium = existsSync(CHROMIUM_PATH)
const OUT =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(process.cwd(), 'docs/screenshots')
    : join(tmpdir(), `eq-instrument-shots-${process.pid}`)

const REASONER = { id: 'deepseek/deepseek-reasoner', query: 'deepseek-reasoner', fake: 'deepseek-reasoner' }
const FAST = { id: 'openai/gpt-4o-mini', query: 'gpt-4o-mini', fake: 'gpt-4o-mini' }
const SLOW = { id: 'anthropic/claude-sonnet-4-0', query: 'sonnet-4-0', fake: 'claude-sonnet-4-0' }

let stack: Stack
let page: Page

async function shoot(name: string): Promise<void> {
  await page.mouse.move(0, 0)
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
  const path = join(OUT, `${name}.png`)
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
  expect(statSync(path).size).toBeGreaterThan(20_000)
}

describe.skipIf(!chromium)('the instrument in the app', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    stack = await startStack()
    await stack.warmUp()
    page = await stack.openPage()
    await waitForApp(page)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('a reasoning model: TTFT at the first thought, TTFA at the answer; token ITL beside chunk gaps', async () => {
    await stack.fake.setModelScript(REASONER.fake, {
      reasoning: ['The user', ' asks about', ' hash maps;', ' start with', ' buckets.'],
      // Four events per socket write: chunks carrying several tokens each.
      chunks: [
        'A hash',
        ' map',
        ' stores',
        ' pairs',
        ' in',
        ' buckets;',
        ' a hash',
        ' picks',
        ' the bucket.',
        ' Done.',
      ],
      chunks_per_write: 4,
      first_token_delay_ms: 120,
      chunk_delay_ms: 60,
      usage: { completion_tokens: 40, reasoning_tokens: 15 },
    })
    await stack.fake.setModelScript(FAST.fake, { text: 'A hash map maps keys to buckets.', first_token_delay_ms: 80 })
    await setColumnCount(page, 2)
    await pickModel(page, 0, REASONER.query, REASONER.id)
    await pickModel(page, 1, FAST.query, FAST.id)
    await setPrompt(page, `How does a hash map work? ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page, 30_000)
    const reasoner = column(page, 0)
    await reasoner.getByTestId('metric-ttfa').waitFor({ timeout: STEP_TIMEOUT })
    const ttft = (await metricValue(reasoner, 'ttft'))!
    const ttfa = Number(await reasoner.getByTestId('metric-ttfa').getAttribute('data-value'))
    // Five reasoning chunks, written four to a write 60 ms apart, came before the first answer token.
    expect(ttfa - ttft).toBeGreaterThanOrEqual(55)
    expect(await reasoner.getByTestId('metric-ttfa').textContent()).toMatch(/think/)
    // The answer-only column shows no TTFA cell: its TTFA is its TTFT.
    expect(await column(page, 1).getByTestId('metric-ttfa').count()).toBe(0)
    // Token ITL from the provider's count, and the chunks that carried several tokens.
    expect(await reasoner.getByTestId('token-itl').textContent()).toMatch(/^tok ITL p95 \d/)
    expect(await reasoner.getByTestId('token-itl').getAttribute('data-source')).toBe('provider')
    expect(await reasoner.getByTestId('multi-token').textContent()).toMatch(/^\d+ multi-token \(≤\d+\)$/)
    await shoot('ttfa-light')
  })

  test('Run ×N: intervals, CV, the faster badge, prompt cache cold and warm, goodput against an SLO', async () => {
    await stack.fake.setModelScript(FAST.fake, {
      text: 'Quick answer here.',
      first_token_delay_ms: 60,
      chunk_delay_ms: 5,
    })
    await stack.fake.setModelScript(SLOW.fake, {
      text: 'Slow answer here.',
      first_token_delay_ms: 400,
      chunk_delay_ms: 5,
    })
    await pickModel(page, 0, FAST.query, FAST.id)
    await pickModel(page, 1, SLOW.query, SLOW.id)
    await setPrompt(page, `Repeat with confidence ${uniqueSuffix()}`)
    await page.getByTestId('repeat-count').fill('6')
    await page.locator('[data-testid="measure-options"] > summary').click()
    await page.getByTestId('cache-mode').selectOption('alternate')
    await page.getByTestId('slo-ttftMs').fill('300')
    await shoot('options-light')
    await page.locator('[data-testid="measure-options"] > summary').click()
    await startRun(page, 'run-repeat')
    await waitForRunEnd(page, 60_000)
    const table = page.getByTestId('confidence-table')
    await table.waitFor({ timeout: STEP_TIMEOUT })
    await page.waitForFunction(() => !document.querySelector('.compare-card.repeat .panel-title .badge'), undefined, {
      timeout: STEP_TIMEOUT,
    })
    const rows = table.locator('tbody tr')
    expect(await rows.count()).toBe(2)
    // Six runs a side, every fast TTFT below every slow one: the rank test names the faster column.
    const badges = page.getByTestId('faster-badge')
    expect(await badges.count()).toBe(1)
    expect(await badges.textContent()).toMatch(
      new RegExp(`${FAST.id} is faster than ${SLOW.id} on TTFT \\(p = 0\\.\\d{3}\\)`),
    )
    // The slow column's TTFT (≥ 400 ms) is outside the 300 ms SLO on every run.
    expect(await rows.nth(0).getByTestId('goodput').textContent()).toBe('100% (6/6)')
    expect(await rows.nth(1).getByTestId('goodput').textContent()).toBe('0% (0/6)')
    expect(await rows.nth(0).locator('td').nth(1).textContent()).toMatch(/ms ± /)
    expect(await rows.nth(0).getByTestId('cv-grade').count()).toBe(1)
    // Alternate: three cold and three warm runs per model, shown apart.
    expect(await rows.nth(0).locator('td').nth(7).textContent()).toMatch(/\(n=3\)$/)
    expect(await rows.nth(0).locator('td').nth(8).textContent()).toMatch(/\(n=3\)$/)
    // Each column says whether its last run was within the SLO.
    expect(await column(page, 0).getByTestId('slo-badge').getAttribute('data-within')).toBe('true')
    expect(await column(page, 1).getByTestId('slo-badge').getAttribute('data-within')).toBe('false')
    // The cold runs carried a nonce before the prompt; the warm ones repeated it.
    const bodies = (await stack.fake.requests()).flatMap((r) => {
      const messages = (r.body as { messages?: unknown[] } | null)?.messages
      return r.provider === 'openai' && messages ? [JSON.stringify(messages[0])] : []
    })
    expect(bodies.slice(-6).filter((b) => b.includes('[nonce ')).length).toBe(6)
    await page.locator('.compare-card.repeat').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shoot('confidence-light')
    await page.getByTestId('repeat-count').fill('1')
    await page.locator('[data-testid="measure-options"] > summary').click()
    await page.getByTestId('cache-mode').selectOption('warm')
    await page.getByTestId('slo-ttftMs').fill('')
    await page.locator('[data-testid="measure-options"] > summary').click()
  })

  test('the run exports as the self-contained HTML report', async () => {
    const run = await openHistoryRun(page, 'Repeat with confidence')
    await run.waitFor({ timeout: STEP_TIMEOUT })
    const html = await download(page, 'export-html')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<svg')
    expect(html).toMatch(/SLO gate failed/)
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i)
    const file = join(tmpdir(), `eq-report-${process.pid}.html`)
    writeFileSync(file, html)
    const reportPage = await page.context().newPage()
    await reportPage.goto(`file://${file}`)
    await reportPage.setViewportSize({ width: 1200, height: 900 })
    const path = join(OUT, 'cli-report.png')
    await reportPage.screenshot({ path, fullPage: true })
    await reportPage.close()
    expect(statSync(path).size).toBeGreaterThan(20_000)
  })

  test('host against host: the same model on every host that serves it', async () => {
    await openView(page, 'playground')
    await pickModel(page, 0, 'llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile')
    const button = column(page, 0).getByTestId('fill-hosts')
    await button.waitFor({ timeout: STEP_TIMEOUT })
    const hosts = Number((await button.textContent())!.match(/(\d+) hosts/)![1])
    expect(hosts).toBeGreaterThanOrEqual(3)
    await button.click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="column-"]').length >= n, hosts, {
      timeout: STEP_TIMEOUT,
    })
    const labels = await page
      .locator('article.column')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
    expect(labels.some((l) => l?.includes('together_ai/'))).toBe(true)
    expect(labels.some((l) => l?.includes('fireworks_ai/'))).toBe(true)
    await shoot('hosts-light')
    await setColumnCount(page, 2)
  })

  test('load mode: the estimate first, a cloud provider only when confirmed, then the curve', async () => {
    await stack.fake.setModelScript(FAST.fake, {
      chunk_count: 12,
      chunk_text: 'tok ',
      first_token_delay_ms: 40,
      chunk_delay_ms: 4,
    })
    await openView(page, 'load')
    await page.getByTestId('load-model').selectOption(FAST.id)
    await page.getByTestId('load-levels').fill('1, 2, 4')
    await page.getByTestId('load-requests').fill('4')
    await page.getByTestId('load-warmup').fill('1')
    await page.getByTestId('load-estimate').click()
    const estimate = page.getByTestId('load-estimate-text')
    await estimate.waitFor({ timeout: STEP_TIMEOUT })
    expect(await estimate.textContent()).toMatch(/^13 requests · ≈ \$\d+\.\d{4} · a cloud provider$/)
    expect(await page.getByTestId('load-start').isDisabled()).toBe(true)
    const before = (await stack.fake.requests()).length
    await page.getByTestId('load-confirm-cloud').check()
    await page.getByTestId('load-start').click()
    await page.waitForFunction(
      () => /^done/.test(document.querySelector('[data-testid="load-progress"]')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    )
    expect((await stack.fake.requests()).length - before).toBe(13)
    expect(await page.locator('[data-testid="load-table"] tbody tr').count()).toBe(3)
    await page.getByTestId('load-curve').waitFor({ timeout: STEP_TIMEOUT })
    await shoot('load-light')
  })
})

test.skipIf(chromium)('the instrument in the app: prerequisites', () => {
  console.warn(`skipping: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
