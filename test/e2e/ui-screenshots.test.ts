/**
 * The README's screenshots, taken from the real app in Chromium at 1440×900
 * against the fake provider (scripted answers and pacing, so they are the same
 * on every run): the playground just after a three-way comparison (columns,
 * metrics, race chart, phases), the Run ×N percentiles, eight columns in the
 * compact layout, History and Settings,
 * each in the light and the dark theme. With UPDATE_SCREENSHOTS=1 they replace
 * docs/screenshots/<name>-<theme>.png (the README's); otherwise they go to a temp
 * dir, so a test run never dirties the tree but still renders every view.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FakeScript } from './fake-provider'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
  openHistoryRun,
  openView,
  type PageDocument,
  pickModel,
  STEP_TIMEOUT,
  setColumnCount,
  setPrompt,
  startRun,
  waitForApp,
  waitForRunEnd,
} from './ui-helpers'

declare const document: PageDocument
declare const window: { scrollTo(x: number, y: number): void }
declare function requestAnimationFrame(callback: () => void): number

const chromium = existsSync(CHROMIUM_PATH)
const OUT =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(process.cwd(), 'docs/screenshots')
    : join(tmpdir(), `eq-screenshots-${process.pid}`)
const THEMES = ['light', 'dark'] as const
const PROMPT = 'Explain in three short paragraphs how a hash map works, then show a minimal TypeScript example.'

const ANSWERS = {
  'gpt-4o-mini': `A **hash map** stores key–value pairs in an array of buckets. A hash function turns each key into an index, so a lookup jumps straight to the right bucket instead of scanning every entry.

When two keys land in the same bucket (a *collision*), the map keeps both, usually in a short list, and compares keys there. A good hash function spreads keys evenly, which keeps those lists short.

As the map fills, it grows: it allocates a larger array and re-inserts every entry. Thanks to that, reads and writes stay **O(1)** on average.

\`\`\`ts
const ages = new Map<string, number>()
ages.set('ada', 36)
ages.set('alan', 41)
console.log(ages.get('ada')) // 36
\`\`\`
`,
  'claude-sonnet-4-0': `A hash map answers one question fast: *given a key, where is its value?* It computes \`hash(key) % capacity\` and looks only in that slot.

Collisions are inevitable, so each slot holds a small chain (or the map probes the next free slot). Lookups compare the stored keys in that slot until one matches.

To stay fast, the map tracks its **load factor**; past a threshold (often 0.75) it doubles its capacity and rehashes. The occasional resize is amortised, so operations remain constant time on average.

\`\`\`ts
const counts: Record<string, number> = {}
for (const word of ['a', 'b', 'a']) {
  counts[word] = (counts[word] ?? 0) + 1
}
\`\`\`
`,
  'gemini-2.5-flash': `Think of a hash map as a row of numbered drawers. The hash of a key tells you which drawer to open, so finding a value takes about the same time however many items you store.

If two keys hash to the same drawer, both go in it and the map checks each key on the way out. Keeping drawers lightly filled, by adding more of them as the map grows, keeps that check cheap.

In TypeScript, the built-in \`Map\` is a hash map that keeps insertion order:

\`\`\`ts
const cache = new Map<string, string>()
cache.set('user:1', 'Ada')
if (cache.has('user:1')) console.log(cache.get('user:1'))
\`\`\`
`,
} as const

/** Word-ish chunks (each word with its trailing whitespace), as a provider streams them. */
const chunked = (text: string) => text.match(/\S+\s*|\s+/g) ?? []

const MODELS: Array<{ id: string; query: string; fake: keyof typeof ANSWERS; ttft: number; chunk: number }> = [
  { id: 'openai/gpt-4o-mini', query: 'gpt-4o-mini', fake: 'gpt-4o-mini', ttft: 320, chunk: 12 },
  { id: 'anthropic/claude-sonnet-4-0', query: 'sonnet-4-0', fake: 'claude-sonnet-4-0', ttft: 520, chunk: 20 },
  { id: 'gemini/gemini-2.5-flash', query: 'gemini-2.5-flash', fake: 'gemini-2.5-flash', ttft: 210, chunk: 7 },
]

let stack: Stack
let page: Page

async function setScripts(scale: number): Promise<void> {
  for (const m of MODELS) {
    const script: FakeScript = {
      chunks: chunked(ANSWERS[m.fake]),
      first_token_delay_ms: m.ttft,
      chunk_delay_ms: Math.max(1, Math.round(m.chunk * scale)),
    }
    await stack.fake.setModelScript(m.fake, script)
  }
}

async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  const back = await page.evaluate(() => document.querySelector('.tab.active')?.getAttribute('data-testid') ?? '')
  await openView(page, 'settings')
  await page.getByTestId('theme').selectOption(theme)
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme, { timeout: STEP_TIMEOUT })
  if (back && back !== 'nav-settings') {
    await openView(page, back.replace('nav-', '') as 'playground' | 'history')
  }
}

async function shoot(name: string, theme: 'light' | 'dark'): Promise<void> {
  // Charts redraw on resize/theme through rAF: let two frames pass, and drop the caret and hover states.
  await page.mouse.move(0, 0)
  await page.evaluate(() => {
    document.activeElement?.blur()
    return new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))
  })
  const path = join(OUT, `${name}-${theme}.png`)
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
  expect(statSync(path).size).toBeGreaterThan(20_000)
}

describe.skipIf(!chromium)('README screenshots', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    stack = await startStack()
    await stack.warmUp()
    page = await stack.openPage()
    expect(page.viewportSize()).toEqual({ width: 1440, height: 900 })
    await waitForApp(page)
    await setScripts(1)
    await setColumnCount(page, 3)
    for (const [i, m] of MODELS.entries()) await pickModel(page, i, m.query, m.id)
    await setPrompt(page, PROMPT)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('the playground just after a three-way comparison', async () => {
    await startRun(page)
    await waitForRunEnd(page, 30_000)
    for (const i of [0, 1, 2]) expect(await column(page, i).getAttribute('data-status')).toBe('done')
    await page.getByTestId('race-chart').waitFor({ timeout: STEP_TIMEOUT })
    await page.getByTestId('phase-bars').waitFor({ timeout: STEP_TIMEOUT })
    for (const theme of THEMES) {
      await setTheme(theme)
      await shoot('playground', theme)
    }
  })

  test('Run ×N percentiles', async () => {
    await setTheme('light')
    await setScripts(0.15)
    await page.getByTestId('repeat-count').fill('5')
    await startRun(page, 'run-repeat')
    await waitForRunEnd(page, 60_000)
    await page.getByTestId('stats-table').waitFor({ timeout: STEP_TIMEOUT })
    await page.waitForFunction(() => !document.querySelector('.compare-card.repeat .panel-title .badge'), undefined, {
      timeout: STEP_TIMEOUT,
    })
    expect(await page.locator('[data-testid="stats-table"] tbody tr').count()).toBe(3)
    for (const theme of THEMES) {
      await setTheme(theme)
      // The Run ×N card at the top of the Compare dock (its own scroller): table and distributions.
      await page.locator('.compare-card.repeat').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await shoot('repeat', theme)
    }
  })

  test('History', async () => {
    await setTheme('light')
    await openHistoryRun(page, PROMPT)
    for (const theme of THEMES) {
      await setTheme(theme)
      await shoot('history', theme)
    }
  })

  test('eight columns side by side (compact layout, prompt panel hidden)', async () => {
    await openView(page, 'playground')
    await setTheme('light')
    await setScripts(0.3)
    await page.getByTestId('repeat-count').fill('1')
    await page.getByTestId('toggle-sidebar').click()
    await setColumnCount(page, 8)
    const lookalikes = ['openai/gpt-4o', 'openai/gpt-4.1']
    for (const [i, id] of lookalikes.entries()) await pickModel(page, 3 + i, id.split('/')[1]!, id)
    await startRun(page)
    await waitForRunEnd(page, 30_000)
    for (const theme of THEMES) {
      await setTheme(theme)
      await shoot('eight', theme)
    }
    await setColumnCount(page, 3)
    await page.getByTestId('toggle-sidebar').click()
  })

  test('Settings', async () => {
    await openView(page, 'settings')
    for (const theme of THEMES) {
      await setTheme(theme)
      await page.evaluate(() => window.scrollTo(0, 0))
      await shoot('settings', theme)
    }
  })
})

test.skipIf(chromium)('README screenshots: prerequisites', () => {
  console.warn(`skipping the screenshots: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
