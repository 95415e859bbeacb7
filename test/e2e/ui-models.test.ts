/**
 * Model identity in Chromium. Typing an exact id and Enter picks that model, never
 * a longer one from Recent; a model not in the list is taken only through its
 * explicit "use as typed" entry, and a provider the engine does not know is refused
 * in the picker, naming the known ones. A custom endpoint serving the same id as a
 * provider stays distinct end to end: picker, header, legend, stats, history, CSV,
 * snippet, Recent and the draft after a reload, and each request goes where its
 * column says, with that place's key.
 */
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack, TEST_KEYS } from './stack'
import {
  column,
  download,
  openHistoryRun,
  openView,
  type PageDocument,
  parseCsv,
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
const OPENAI = 'openai/gpt-4o-mini'
const ENDPOINT_LABEL = 'gpt-4o-mini @ Gateway'
const ENDPOINT_KEY = `ep-key-${uniqueSuffix()}`

let stack: Stack
let page: Page
let endpointId: string

const picker = (i: number) => column(page, i).getByTestId('model-search')

/** Types into a column's picker and presses Enter, as a keyboard user does. */
async function typeAndEnter(i: number, text: string): Promise<void> {
  await picker(i).click()
  await picker(i).fill(text)
  await column(page, i).getByTestId('model-option').first().waitFor({ timeout: STEP_TIMEOUT })
  await picker(i).press('Enter')
}

/** The column's picked model and endpoint, as the picker carries them. */
async function picked(i: number): Promise<{ model: string | null; endpoint: string | null; shown: string }> {
  return {
    model: await picker(i).getAttribute('data-model-id'),
    endpoint: await picker(i).getAttribute('data-endpoint-id'),
    shown: await picker(i).inputValue(),
  }
}

/** Picks the endpoint's (or the provider's) gpt-4o-mini through the list. */
async function pickGpt4oMini(i: number, from: 'endpoint' | 'provider', group?: 'Recent'): Promise<void> {
  await picker(i).click()
  await picker(i).fill('gpt-4o-mini')
  const scope = group ? column(page, i).getByRole('group', { name: group }) : column(page, i)
  const option = scope.locator(
    `[data-testid="model-option"][data-model-id="${OPENAI}"][data-endpoint-id="${from === 'endpoint' ? endpointId : ''}"]`,
  )
  await option.first().click({ timeout: STEP_TIMEOUT })
}

/** Where each chat request went and with which key, in arrival order. */
async function destinations(): Promise<Array<{ path: string; auth: string | undefined }>> {
  return (await stack.fake.requests())
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => ({ path: r.path, auth: r.headers.authorization }))
}

const TO_OPENAI = { path: '/v1/chat/completions', auth: `Bearer ${TEST_KEYS.OPENAI_API_KEY}` }
const TO_GATEWAY = { path: '/gateway/v1/chat/completions', auth: `Bearer ${ENDPOINT_KEY}` }

describe.skipIf(!chromium)('playground UI: model identity', () => {
  beforeAll(async () => {
    stack = await startStack()
    const settings = await stack.api.call('saveEndpoint', {
      name: 'Gateway',
      baseUrl: `${stack.fake.url}/gateway/v1`,
      key: ENDPOINT_KEY,
    })
    endpointId = settings.endpoints[0]!.id
    await stack.fake.setDefaultScript({ text: 'Identity kept end to end.', chunk_delay_ms: 2 })
    page = await stack.openPage()
    await waitForApp(page)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('an exact id wins Enter over longer Recent ones; unknown ids are explicit; unknown providers refused', async () => {
    // gpt-4.1-mini and gpt-4o-mini become recent.
    await pickModel(page, 0, 'gpt-4.1-mini', 'openai/gpt-4.1-mini')
    await pickModel(page, 1, 'gpt-4o-mini', OPENAI)
    await setPrompt(page, `Recent ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page)

    await typeAndEnter(0, 'openai/gpt-4.1')
    expect(await picked(0)).toMatchObject({ model: 'openai/gpt-4.1', endpoint: '' })
    await typeAndEnter(0, 'openai/gpt-4o')
    expect(await picked(0)).toMatchObject({ model: 'openai/gpt-4o', endpoint: '' })

    // Not in the list: the highlighted entry says so, and Enter takes it as typed.
    await picker(0).click()
    await picker(0).fill('openai/my-finetune-7')
    const free = column(page, 0).locator('[data-testid="model-option"][data-source="free"]')
    await free.waitFor({ timeout: STEP_TIMEOUT })
    expect(await free.textContent()).toBe('Use “openai/my-finetune-7” as typed: it is not in the list')
    expect(await free.getAttribute('aria-selected')).toBe('true')
    await picker(0).press('Enter')
    expect(await picked(0)).toMatchObject({ model: 'openai/my-finetune-7' })

    // A provider nobody knows: refused in the list, naming the known ones; Enter picks nothing.
    await picker(0).click()
    await picker(0).fill('nonsense/foo-bar')
    await free.waitFor({ timeout: STEP_TIMEOUT })
    expect(await free.getAttribute('aria-disabled')).toBe('true')
    expect(await free.textContent()).toMatch(
      /^Unknown provider "nonsense": use one of anthropic, .*openai, .*simulated/,
    )
    await picker(0).press('Enter')
    await picker(0).press('Escape')
    await picker(0).blur()
    expect(await picked(0)).toMatchObject({ model: 'openai/my-finetune-7' })
  })

  test("a custom endpoint's model keeps its identity and its route end to end", async () => {
    await pickGpt4oMini(0, 'provider')
    await pickGpt4oMini(1, 'endpoint')
    expect(await picked(0)).toEqual({ model: OPENAI, endpoint: '', shown: OPENAI })
    expect(await picked(1)).toEqual({ model: OPENAI, endpoint: endpointId, shown: ENDPOINT_LABEL })
    expect(await picker(1).getAttribute('title')).toContain(ENDPOINT_LABEL)
    expect(await column(page, 1).getAttribute('aria-label')).toBe(`Column 2: ${ENDPOINT_LABEL}`)

    await stack.fake.clearRequests()
    const prompt = `Endpoint identity ${uniqueSuffix()}`
    await setPrompt(page, prompt)
    await page.getByTestId('repeat-count').fill('2')
    await startRun(page, 'run-repeat')
    await waitForRunEnd(page)
    await page.getByTestId('repeat-count').fill('1')
    const sent = await destinations()
    expect(sent.filter((d) => d.path === TO_OPENAI.path)).toEqual([TO_OPENAI, TO_OPENAI])
    expect(sent.filter((d) => d.path === TO_GATEWAY.path)).toEqual([TO_GATEWAY, TO_GATEWAY])

    // Legend, phases and the Run ×N table name the endpoint.
    const legend = await page.locator('[data-testid="race-chart"] .u-legend .u-series .u-label').allInnerTexts()
    expect(legend).toEqual(expect.arrayContaining([`1 ${OPENAI}`, `2 ${ENDPOINT_LABEL}`]))
    const models = await page.locator('[data-testid="stats-table"] td.model-cell').allInnerTexts()
    expect(models).toEqual([OPENAI, ENDPOINT_LABEL])

    // History: the list, the run's columns, the CSV and the snippet.
    const item = page.getByTestId('history-item').filter({ hasText: prompt })
    const run = await openHistoryRun(page, prompt)
    expect(await item.textContent()).toContain(ENDPOINT_LABEL)
    expect(await run.locator('.history-column-model').allInnerTexts()).toEqual([OPENAI, ENDPOINT_LABEL])
    const rows = parseCsv(await download(page, 'export-csv'))
    expect(rows.map((r) => [r.model, r.endpoint, r.model_label])).toEqual([
      [OPENAI, '', OPENAI],
      [OPENAI, 'Gateway', ENDPOINT_LABEL],
      [OPENAI, '', OPENAI],
      [OPENAI, 'Gateway', ENDPOINT_LABEL],
    ])
    const runId = (await run.getAttribute('data-run-id'))!
    const stored = await stack.api.call('getRun', runId)
    const endpointColumn = stored!.request.columns[1]!
    expect(endpointColumn).toMatchObject({ endpointId, endpointName: 'Gateway' })
    const snippet = await stack.api.call('snippet', runId, endpointColumn.columnId)
    expect(snippet).toContain(`(${ENDPOINT_LABEL})`)
    expect(snippet).toContain(`api_base: '${stack.fake.url}/gateway/v1'`)
    expect(snippet).not.toContain(ENDPOINT_KEY)

    // Re-run from history (Run ×2, as recorded): the same two destinations, twice each.
    await stack.fake.clearRequests()
    await run.getByTestId('rerun').click()
    await page.getByTestId('run').waitFor({ timeout: STEP_TIMEOUT })
    await waitForRunEnd(page)
    expect((await destinations()).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      TO_GATEWAY,
      TO_GATEWAY,
      TO_OPENAI,
      TO_OPENAI,
    ])
  })

  test('Recent restores exactly what was picked, and a reload keeps each column on its endpoint', async () => {
    await openView(page, 'playground')
    // The provider's model from Recent in the column that had the endpoint's, and vice versa.
    await pickGpt4oMini(1, 'provider', 'Recent')
    await pickGpt4oMini(0, 'endpoint', 'Recent')
    expect(await picked(0)).toMatchObject({ endpoint: endpointId, shown: ENDPOINT_LABEL })
    expect(await picked(1)).toMatchObject({ endpoint: '', shown: OPENAI })
    await stack.fake.clearRequests()
    await setPrompt(page, `Recent routes ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page)
    expect((await destinations()).sort((a, b) => a.path.localeCompare(b.path))).toEqual([TO_GATEWAY, TO_OPENAI])

    // The draft is saved (debounced); after a reload the columns still name and use their endpoint.
    for (let i = 0; i < 100; i++) {
      const draft = await stack.api.call('getDraft')
      if (draft?.columns[0]?.endpointId === endpointId && draft.columns[1]?.endpointId === undefined) break
      await page.waitForTimeout(50)
    }
    await page.reload()
    await waitForApp(page)
    expect(await picked(0)).toMatchObject({ model: OPENAI, endpoint: endpointId, shown: ENDPOINT_LABEL })
    expect(await picked(1)).toMatchObject({ model: OPENAI, endpoint: '', shown: OPENAI })
    await stack.fake.clearRequests()
    await startRun(page)
    await waitForRunEnd(page)
    expect((await destinations()).sort((a, b) => a.path.localeCompare(b.path))).toEqual([TO_GATEWAY, TO_OPENAI])
    expect(
      await page.evaluate(() => document.querySelector('[data-testid="column-0"]')?.getAttribute('data-status')),
    ).toBe('done')
  })
})

test.skipIf(chromium)('playground UI: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
