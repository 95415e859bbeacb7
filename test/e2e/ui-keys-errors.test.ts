/**
 * Keys and errors through the UI. A key typed in Settings is used for the
 * provider's calls (the fake receives it) but never reaches the page: not the
 * DOM, not web storage, not a single response body the page receives, not the
 * history (its SQLite files on disk), not the JSON/CSV exports, not the
 * server's log. A rejected key fails only its own column, with the provider's
 * message, the status and a hint that leads to Settings; the other column
 * completes. Every key is unique to its test, so a leak cannot hide.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack, TEST_KEYS } from './stack'
import {
  column,
  download,
  type ExportedRun,
  normalise,
  openHistoryRun,
  openView,
  outputText,
  type PageDocument,
  pickModel,
  type RecordedBody,
  recordResponses,
  STEP_TIMEOUT,
  saveKeyInSettings,
  setPrompt,
  startRun,
  uniqueSuffix,
  waitForApp,
  waitForRunEnd,
} from './ui-helpers'

declare const document: PageDocument
declare const localStorage: Record<string, string>
declare const sessionStorage: Record<string, string>

const chromium = existsSync(CHROMIUM_PATH)
const OPENAI_TEXT = 'Keys stay in the main process; the page only learns whether one is set.'
const ANTHROPIC_TEXT = 'This column must not run: its key is rejected.'
const GEMINI_TEXT = 'Gemini answers normally while the other column fails.'

let stack: Stack

/** Every file under `dir`, with its bytes. */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }]
  })
}

/** A page with every response body recorded from its very first request. */
async function openRecordedPage(): Promise<{ page: Page; bodies: () => Promise<RecordedBody[]> }> {
  const page = await (await stack.browser()).newPage()
  const { bodies } = await recordResponses(page)
  await page.goto(stack.web.launchUrl)
  await waitForApp(page)
  return { page, bodies }
}

/** No body holds `secret`, and every body was really read (an unread body would hide a leak). */
function expectNoLeak(received: RecordedBody[], secret: string): void {
  expect(received.filter((r) => r.error !== undefined)).toEqual([])
  const paths = received.map((r) => appPath(r.url))
  expect(paths).toContain('/') // the document itself
  expect(paths.some((p) => p.endsWith('.js'))).toBe(true)
  expect(received.filter((r) => r.body.includes(secret)).map((r) => r.url)).toEqual([])
}

/** A URL's path below the app's random prefix: `/<prefix>/api/runs` → `/api/runs`. */
function appPath(url: string): string {
  const path = new URL(url).pathname
  const base = new URL(stack.web.url).pathname
  return path.startsWith(`${base}/`) ? path.slice(base.length) : path
}

async function webStorage(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }))
}

describe.skipIf(!chromium)('playground UI: keys and errors', () => {
  beforeAll(async () => {
    // No OpenAI key in the environment: the one typed in Settings is the only one.
    const { OPENAI_API_KEY: _, ...otherKeys } = TEST_KEYS
    stack = await startStack({ envKeys: false, env: otherKeys })
    await stack.fake.setModelScript('gpt-4o-mini', { text: OPENAI_TEXT, first_token_delay_ms: 40, chunk_delay_ms: 5 })
    await stack.fake.setModelScript('claude-sonnet-4-0', {
      text: ANTHROPIC_TEXT,
      first_token_delay_ms: 40,
      chunk_delay_ms: 5,
    })
    await stack.fake.setModelScript('gemini-2.5-flash', {
      text: GEMINI_TEXT,
      first_token_delay_ms: 80,
      chunk_delay_ms: 5,
    })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('a key typed in Settings is used but never appears in the page, responses, history or exports', async () => {
    const key = `sk-test-UIKEY-${uniqueSuffix()}`
    const { page, bodies } = await openRecordedPage()
    expect(await page.getByTestId('key-status-openai').count()).toBe(0)
    await openView(page, 'settings')
    expect(await page.getByTestId('key-status-openai').textContent()).toBe('not set')
    // Typed but not saved yet: in the input's value only, not in the HTML (no `value` attribute).
    await page.getByTestId('key-input-openai').fill(key)
    expect(await page.getByTestId('key-input-openai').inputValue()).toBe(key)
    expect(await page.content()).not.toContain(key)
    await saveKeyInSettings(page, 'openai', key)
    expect(await page.content()).not.toContain(key)

    await openView(page, 'playground')
    await pickModel(page, 0, 'gpt-4o-mini', 'openai/gpt-4o-mini')
    await pickModel(page, 1, 'gemini-2.5-flash', 'gemini/gemini-2.5-flash')
    const prompt = `Key leak check ${uniqueSuffix()}`
    await setPrompt(page, prompt)
    await startRun(page)
    await waitForRunEnd(page)
    expect(await column(page, 0).getAttribute('data-status')).toBe('done')
    expect(await outputText(column(page, 0))).toBe(OPENAI_TEXT)

    // The key did its job: the fake got it (so the checks below look for a value that was in play).
    const chats = (await stack.fake.requests()).filter(
      (r) => r.path.endsWith('/chat/completions') && (r.body as { model?: string } | null)?.model === 'gpt-4o-mini',
    )
    expect(chats).toHaveLength(1)
    expect(chats.every((r) => r.headers.authorization === `Bearer ${key}`)).toBe(true)

    // History and exports, through the UI.
    const run = await openHistoryRun(page, prompt)
    const json = await download(page, 'export-json')
    const csv = await download(page, 'export-csv')
    const exported = JSON.parse(json) as ExportedRun
    expect(normalise(exported.columns[0]!.output)).toBe(OPENAI_TEXT)
    expect(csv).toContain('openai/gpt-4o-mini')
    expect(json).not.toContain(key)
    expect(csv).not.toContain(key)
    await run.getByTestId('copy-snippet').first().click()
    await page.getByTestId('notice').waitFor({ timeout: STEP_TIMEOUT })
    expect(await page.getByTestId('notice').textContent()).toContain('Snippet copied')

    // The page: DOM (with the settings page open again), attributes, web storage.
    await openView(page, 'settings')
    expect(await page.getByTestId('key-status-openai').textContent()).toBe('set (saved)')
    expect(await page.content()).not.toContain(key)
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(key)
    expect(await webStorage(page)).not.toContain(key)

    // Every response body the page received: the settings calls, the run's NDJSON, history, exports, snippet.
    const received = await bodies()
    const paths = received.map((r) => appPath(r.url))
    for (const p of ['/api/setKey', '/api/runs', '/api/getRun', '/api/exportRun', '/api/snippet']) {
      expect(paths, `no response from ${p} was recorded`).toContain(p)
    }
    // (The bodies were really read: the run's NDJSON holds the streamed text.)
    expect(received.find((r) => r.url.endsWith('/api/runs'))?.body).toContain('"type":"run-finished"')
    expectNoLeak(received, key)
    await page.close()

    // On disk: only the secret store (plain file in browser mode, by design) holds it; the history database does not.
    const files = filesUnder(stack.dataDir)
    const history = files.filter((f) => /history\.sqlite/.test(f.path))
    expect(history.length).toBeGreaterThan(0)
    const holding = files.filter((f) => f.bytes.includes(key)).map((f) => relative(stack.dataDir, f.path))
    expect(holding).toEqual(['secrets.json'])
    // Nor did the server log it.
    expect(stack.web.output).not.toContain(key)
  })

  test("a custom endpoint's key typed in Settings is used but never reaches the page", async () => {
    const key = `sk-test-EPKEY-${uniqueSuffix()}`
    const { page, bodies } = await openRecordedPage()
    await openView(page, 'settings')
    await page.getByTestId('endpoint-name').fill('Local gateway')
    await page.getByTestId('endpoint-url').fill(`${stack.fake.url}/v1`)
    await page.getByTestId('endpoint-key').fill(key)
    expect(await page.getByTestId('endpoint-key').inputValue()).toBe(key)
    expect(await page.content()).not.toContain(key)
    await page.getByTestId('endpoint-add').click()
    const item = page.getByTestId('endpoint-item').filter({ hasText: 'Local gateway' })
    await item.waitFor({ timeout: STEP_TIMEOUT })
    expect(await item.textContent()).toContain('key set')
    expect(await page.getByTestId('endpoint-key').inputValue()).toBe('')
    // The catalog lists the endpoint's models with its key (so the key is in play)...
    await page.waitForFunction(() => document.querySelector('[data-testid="endpoint-item"]') !== null, undefined, {
      timeout: STEP_TIMEOUT,
    })
    const listed = async () =>
      (await stack.fake.requests()).some((r) => r.path === '/v1/models' && r.headers.authorization === `Bearer ${key}`)
    for (let i = 0; i < 100 && !(await listed()); i++) await page.waitForTimeout(50)
    expect(await listed()).toBe(true)
    // ...and it is nowhere in the page, its storage or what the page received.
    expect(await page.content()).not.toContain(key)
    expect(await webStorage(page)).not.toContain(key)
    const received = await bodies()
    expect(received.map((r) => appPath(r.url))).toContain('/api/saveEndpoint')
    expectNoLeak(received, key)
    const holding = filesUnder(stack.dataDir)
      .filter((f) => f.bytes.includes(key))
      .map((f) => relative(stack.dataDir, f.path))
    expect(holding).toEqual(['secrets.json'])
    expect(stack.web.output).not.toContain(key)
    await page.close()
  })

  test('an invalid key fails only its own column, with the provider message and a hint to Settings', async () => {
    const bad = `bad-UIKEY-${uniqueSuffix()}`
    const { page, bodies } = await openRecordedPage()
    await saveKeyInSettings(page, 'anthropic', bad)

    await openView(page, 'playground')
    await pickModel(page, 0, 'sonnet-4-0', 'anthropic/claude-sonnet-4-0')
    await pickModel(page, 1, 'gemini-2.5-flash', 'gemini/gemini-2.5-flash')
    await setPrompt(page, `Bad key ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page)

    // The failing column: its error, the HTTP status, the provider's message and a hint to Settings.
    expect(await column(page, 0).getAttribute('data-status')).toBe('failed')
    const error = column(page, 0).getByTestId('column-error')
    const errorText = normalise((await error.textContent()) ?? '')
    expect(errorText).toContain('HTTP 401')
    expect(errorText).toContain('invalid x-api-key')
    expect(errorText).toMatch(/Settings/)
    // Only the app's advice: the library's hint (about code parameters) is not shown.
    expect(errorText).not.toContain('api_key')
    expect(await outputText(column(page, 0))).toBe('')
    // The other column is untouched and completes.
    expect(await column(page, 1).getAttribute('data-status')).toBe('done')
    expect(await column(page, 1).getByTestId('column-error').count()).toBe(0)
    expect(await outputText(column(page, 1))).toBe(GEMINI_TEXT)
    expect(await page.getByTestId('column-error').count()).toBe(1)

    // The rejected key is not echoed anywhere either.
    expect(await page.content()).not.toContain(bad)
    // The hint's button leads to Settings, where the key can be replaced.
    await error.getByTestId('open-settings').click()
    await page.getByTestId('key-input-anthropic').waitFor({ timeout: STEP_TIMEOUT })
    expect(await page.getByTestId('key-status-anthropic').textContent()).toBe('set (saved)')
    expectNoLeak(await bodies(), bad)
    expect(stack.web.output).not.toContain(bad)
    await page.close()
  })
})

test.skipIf(chromium)('playground UI keys: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
