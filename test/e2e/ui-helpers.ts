/**
 * Shared steps of the UI end-to-end tests (ui-*.test.ts): what a user does in
 * the renderer (pick a model through the picker, type the prompt, run, open a
 * view, export), each bounded by a timeout and waiting on the DOM (playwright's
 * auto-waiting locators, `page.waitForFunction`), never on sleeps.
 */
import { readFileSync } from 'node:fs'
import type { Locator, Page, Response } from 'playwright-core'
import type { HistoryRun } from '../../main/common/api'

/**
 * The little of the page's DOM that the callbacks given to `page.evaluate` and
 * `page.waitForFunction` use. They run in Chromium but are type-checked in this
 * Node program, which has no DOM lib: each file declares the page globals it
 * uses with these types (`declare const document: PageDocument`), module-scoped,
 * so the rest of the program (main/ included) still cannot use browser globals.
 */
export interface PageElement {
  readonly textContent: string | null
  readonly innerText: string
  readonly value: string
  readonly placeholder: string
  readonly disabled: boolean
  readonly outerHTML: string
  readonly dataset: Record<string, string | undefined>
  getAttribute(name: string): string | null
  querySelector(selector: string): PageElement | null
  blur(): void
}
export interface PageDocument {
  readonly documentElement: PageElement
  readonly body: PageElement | null
  readonly activeElement: PageElement | null
  querySelector(selector: string): PageElement | null
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>
}

declare const document: PageDocument
declare const location: { readonly href: string }

/** The longest any single UI step may take (a run of the fake's scripts is well under it). */
export const STEP_TIMEOUT = 15_000

export type ColumnStatus = 'idle' | 'queued' | 'waiting' | 'streaming' | 'done' | 'failed' | 'stopped'
export type MetricName = 'ttft' | 'decode-tps' | 'e2e-tps' | 'total' | 'tokens'

/** A per-test unique string, so a leak check can only pass if that very value never shows up. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
}

export const column = (page: Page, index: number): Locator => page.getByTestId(`column-${index}`)

/** The app loaded its settings, draft and catalog: the first column shows a model, not "Loading models…". */
export async function waitForApp(page: Page): Promise<void> {
  try {
    await page.getByTestId('run').waitFor({ timeout: STEP_TIMEOUT })
    await page.waitForFunction(
      () => {
        const input = document.querySelector('[data-testid="column-0"] [data-testid="model-search"]')
        const catalog = document.querySelector('.app')?.getAttribute('data-catalog')
        return (
          input !== null &&
          input.placeholder !== 'Loading models…' &&
          input.value !== '' &&
          (catalog === 'ready' || catalog === 'error')
        )
      },
      undefined,
      { timeout: STEP_TIMEOUT },
    )
  } catch (err) {
    const state = await page
      .evaluate(() => ({
        url: location.href,
        pickers: [...document.querySelectorAll('[data-testid="model-search"]')].map(
          (e) => `${e.value}|${e.placeholder}`,
        ),
        notice: document.querySelector('[data-testid="notice"]')?.textContent ?? null,
        body: document.body?.textContent?.slice(0, 300),
      }))
      .catch((e: unknown) => String(e))
    throw new Error(`the app did not load: ${JSON.stringify(state)}`, { cause: err })
  }
}

/** Picks a model the way a user does: focus the column's picker, type, click the option. */
export async function pickModel(page: Page, index: number, query: string, modelId: string): Promise<void> {
  const input = column(page, index).getByTestId('model-search')
  await input.click({ timeout: STEP_TIMEOUT })
  await input.fill(query)
  // The same model may be listed under "Recent" and under its provider: either will do.
  const option = column(page, index).locator(`[data-testid="model-option"][data-model-id="${modelId}"]`).first()
  await option.click({ timeout: STEP_TIMEOUT })
  await page.waitForFunction(
    ([i, id]) => document.querySelector(`[data-testid="column-${i}"] [data-testid="model-search"]`)?.value === id,
    [index, modelId] as const,
    { timeout: STEP_TIMEOUT },
  )
}

/** Makes the layout exactly `count` columns (adds or removes from the right). */
export async function setColumnCount(page: Page, count: number): Promise<void> {
  for (;;) {
    const n = await page.locator('[data-testid^="column-"][data-status]').count()
    if (n === count) return
    if (n < count) await page.getByTestId('add-column').click()
    else
      await column(page, n - 1)
        .getByRole('button', { name: `Remove column ${n}` })
        .click()
    await page.waitForFunction(
      (want) => document.querySelectorAll('[data-testid^="column-"][data-status]').length === want,
      n < count ? n + 1 : n - 1,
      { timeout: STEP_TIMEOUT },
    )
  }
}

/** Replaces the first user message. */
export async function setPrompt(page: Page, text: string): Promise<void> {
  await page.getByTestId('prompt-input').first().fill(text)
}

export async function waitForStatus(
  page: Page,
  index: number,
  status: ColumnStatus,
  timeout = STEP_TIMEOUT,
): Promise<void> {
  await page.locator(`[data-testid="column-${index}"][data-status="${status}"]`).waitFor({ timeout })
}

/**
 * Clicks Run (or Run ×N) and waits until main has started a new run (the toolbar
 * carries its id), so a later `waitForRunEnd` cannot see the previous run's end —
 * and a run fast enough to end between two polls still counts as started.
 */
export async function startRun(page: Page, button: 'run' | 'run-repeat' = 'run'): Promise<void> {
  const runId = () => document.querySelector('.run-toolbar')?.getAttribute('data-run-id') ?? ''
  const before = await page.evaluate(runId)
  await page.getByTestId(button).click()
  try {
    await page.waitForFunction(
      (previous) => {
        const now = document.querySelector('.run-toolbar')?.getAttribute('data-run-id') ?? ''
        return now !== '' && now !== previous
      },
      before,
      { timeout: STEP_TIMEOUT },
    )
  } catch (err) {
    const state = await page
      .evaluate(() => ({
        notice: document.querySelector('[data-testid="notice"]')?.textContent ?? null,
        columns: [...document.querySelectorAll('[data-testid^="column-"][data-status]')].map((c) =>
          c.getAttribute('data-status'),
        ),
      }))
      .catch((e: unknown) => String(e))
    throw new Error(`the run did not start: ${JSON.stringify(state)}`, { cause: err })
  }
}

/** Waits until no column is queued, waiting or streaming, and the Run button is enabled again. */
export async function waitForRunEnd(page: Page, timeout = STEP_TIMEOUT): Promise<void> {
  await page.waitForFunction(
    () => {
      const cols = [...document.querySelectorAll('[data-testid^="column-"][data-status]')]
      const run = document.querySelector('[data-testid="run"]')
      return (
        cols.length > 0 &&
        cols.every((c) => ['done', 'failed', 'stopped'].includes(c.getAttribute('data-status') ?? '')) &&
        run !== null &&
        !run.disabled
      )
    },
    undefined,
    { timeout },
  )
}

/** Whitespace-normalised visible text (markdown renders a plain sentence as one paragraph). */
export const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim()

export async function outputText(scope: Locator): Promise<string> {
  // innerText, not textContent: the rendered text keeps a break between paragraphs and code lines.
  return normalise(await scope.getByTestId('column-output').innerText())
}

/** The raw number behind a metric cell (`data-value`), or null when empty. */
export async function metricValue(scope: Locator, name: MetricName): Promise<number | null> {
  const raw = await scope.getByTestId(`metric-${name}`).getAttribute('data-value')
  return raw === null || raw === '' ? null : Number(raw)
}

export async function openView(page: Page, view: 'playground' | 'history' | 'settings'): Promise<void> {
  await page.getByTestId(`nav-${view}`).click()
  const marker = {
    playground: '[data-testid="run"]',
    history: '[data-testid="history-search"]',
    settings: '[data-testid="theme"]',
  }[view]
  await page.locator(marker).waitFor({ timeout: STEP_TIMEOUT })
}

/** Opens History and the run whose list entry shows `prompt`; returns the run view. */
export async function openHistoryRun(page: Page, prompt: string): Promise<Locator> {
  await openView(page, 'history')
  const item = page.getByTestId('history-item').filter({ hasText: prompt })
  await item.first().waitFor({ timeout: STEP_TIMEOUT })
  const runId = await item.first().getAttribute('data-run-id')
  await item.first().click()
  const view = page.locator(`[data-testid="history-run"][data-run-id="${runId}"]`)
  await view.waitFor({ timeout: STEP_TIMEOUT })
  return view
}

/** Clicks an export button and returns the downloaded file's text (Blob URL download). */
export async function download(page: Page, testId: 'export-json' | 'export-csv'): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: STEP_TIMEOUT }),
    page.getByTestId(testId).click(),
  ])
  const path = await file.path()
  return readFileSync(path, 'utf8')
}

export type ExportedRun = Pick<HistoryRun, 'runId' | 'request' | 'columns' | 'stats' | 'status'>

/** Saves a key through Settings and waits for its status to read "set (saved)". */
export async function saveKeyInSettings(page: Page, provider: string, key: string): Promise<void> {
  await openView(page, 'settings')
  const input = page.getByTestId(`key-input-${provider}`)
  await input.fill(key)
  await page.getByTestId(`key-save-${provider}`).click()
  await page.waitForFunction(
    (p) => document.querySelector(`[data-testid="key-status-${p}"]`)?.textContent === 'set (saved)',
    provider,
    { timeout: STEP_TIMEOUT },
  )
  // The draft is cleared once saved: the typed key is gone from the input.
  await page.waitForFunction((p) => document.querySelector(`[data-testid="key-input-${p}"]`)?.value === '', provider, {
    timeout: STEP_TIMEOUT,
  })
}

export interface RecordedBody {
  url: string
  body: string
  /** Set when the body could not be read: a leak check must then fail, not pass. */
  error?: string
}

/**
 * Records every response body the page receives. Documents, scripts and styles
 * through the DevTools protocol; everything the page fetches (the API, the run's
 * NDJSON stream) in the page itself, by teeing each `fetch` response as the app
 * reads it: Chromium does not reliably keep the body of a streamed response for
 * the protocol ("No data found for resource"). Install before the page loads.
 */
export async function recordResponses(page: Page): Promise<{ bodies: () => Promise<RecordedBody[]> }> {
  await page.addInitScript(() => {
    type Entry = { url: string; body: string; done: boolean; error?: string }
    const w = globalThis as unknown as {
      fetch: (input: unknown, init?: unknown) => Promise<FetchResponse>
      __eqBodies: Entry[]
    }
    type FetchResponse = {
      url: string
      status: number
      statusText: string
      headers: unknown
      body: { tee(): [unknown, { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } }] } | null
    }
    const ResponseCtor = (globalThis as unknown as { Response: new (body: unknown, init: unknown) => FetchResponse })
      .Response
    const original = w.fetch.bind(globalThis)
    w.__eqBodies = []
    w.fetch = async (input, init) => {
      const res = await original(input, init)
      if (!res.body) return res
      const [mine, copy] = res.body.tee()
      const entry: Entry = { url: res.url, body: '', done: false }
      w.__eqBodies.push(entry)
      void (async () => {
        const reader = copy.getReader()
        const decoder = new TextDecoder()
        try {
          for (;;) {
            const { done, value } = await reader.read()
            if (done) break
            entry.body += decoder.decode(value, { stream: true })
          }
        } catch (err) {
          entry.error = String(err)
        }
        entry.done = true
      })()
      return new ResponseCtor(mine, { status: res.status, statusText: res.statusText, headers: res.headers })
    }
  })
  const pending: Array<Promise<RecordedBody>> = []
  const onResponse = (res: Response) => {
    const type = res.request().resourceType()
    if (type === 'fetch' || (res.status() >= 300 && res.status() < 400)) return
    pending.push(
      res
        .body()
        .then((b) => ({ url: res.url(), body: b.toString('utf8') }))
        .catch((err: unknown) => ({ url: res.url(), body: '', error: String(err) })),
    )
  }
  page.on('response', onResponse)
  return {
    bodies: async () => {
      page.off('response', onResponse)
      const fetched = async () =>
        page.evaluate(
          () => (globalThis as unknown as { __eqBodies: Array<RecordedBody & { done: boolean }> }).__eqBodies,
        )
      await page.waitForFunction(
        () => (globalThis as unknown as { __eqBodies: Array<{ done: boolean }> }).__eqBodies.every((e) => e.done),
        undefined,
        { timeout: STEP_TIMEOUT },
      )
      const inPage = (await fetched()).map(({ done: _, ...entry }) => entry)
      return [...(await Promise.all(pending)), ...inPage]
    },
  }
}

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF) as objects keyed by the header row. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  const [head, ...body] = rows
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])))
}
