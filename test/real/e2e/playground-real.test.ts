/**
 * The playground in Chromium against real servers, as a user drives it: Ollama
 * found by discovery at its configured base and streamed in a column; llama.cpp and
 * LiteLLM's proxy added as custom endpoints in Settings; a three-column comparison
 * with real tokens (Ollama, llama.cpp, and llama.cpp through LiteLLM — the last two
 * the same server at temperature 0, so they must agree token for token, and agree
 * with the engine called directly); Run ×3 with each column's p50; the run in History and
 * its JSON export, with no key in it.
 */

import { existsSync } from 'node:fs'
import { completion } from '@edgequake/llm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH } from '../../e2e/stack'
import {
  column,
  download,
  type ExportedRun,
  metricValue,
  openHistoryRun,
  openView,
  outputText,
  type PageDocument,
  STEP_TIMEOUT,
  setColumnCount,
  setPrompt,
  startRun,
  uniqueSuffix,
  waitForApp,
  waitForRunEnd,
} from '../../e2e/ui-helpers'
import { MODEL, OLLAMA_MODEL } from '../servers/index.mjs'
import { type RealStack, startRealStack } from './real-stack'

declare const document: PageDocument

const chromium = existsSync(CHROMIUM_PATH)
/** Real models on 2 shared cores: runs are bounded generously. */
const RUN_TIMEOUT = 120_000
const MAX_TOKENS = 24
const OLLAMA = `ollama/${OLLAMA_MODEL}`
const LLAMA = `openai/${MODEL}`
const VIA_LITELLM = 'openai/llama-via-litellm'

let stack: RealStack
let page: Page
const comparison = { prompt: '', ttft: [] as number[] }

/** Picks `modelId` from the picker group named `group` (two endpoints may list the same id). */
async function pickIn(p: Page, index: number, query: string, group: string, modelId: string): Promise<void> {
  const input = column(p, index).getByTestId('model-search')
  await input.click({ timeout: STEP_TIMEOUT })
  await input.fill(query)
  await column(p, index)
    .getByRole('group', { name: group })
    .locator(`[data-testid="model-option"][data-model-id="${modelId}"]`)
    .first()
    .click({ timeout: STEP_TIMEOUT })
  // The picker shows a label (`smollm2 @ llama.cpp`); the id it chose is in its data attribute.
  await expect.poll(() => input.getAttribute('data-model-id'), { timeout: STEP_TIMEOUT }).toBe(modelId)
}

async function addEndpoint(p: Page, name: string, baseUrl: string, key?: string): Promise<void> {
  const before = await p.getByTestId('endpoint-item').count()
  await p.getByTestId('endpoint-name').fill(name)
  await p.getByTestId('endpoint-url').fill(baseUrl)
  if (key) await p.getByTestId('endpoint-key').fill(key)
  await p.getByTestId('endpoint-add').click()
  await expect.poll(() => p.getByTestId('endpoint-item').count(), { timeout: STEP_TIMEOUT }).toBe(before + 1)
}

async function setSharedParams(p: Page): Promise<void> {
  await p.getByLabel('Shared temperature').fill('0')
  await p.getByLabel('Shared max tokens').fill(String(MAX_TOKENS))
}

describe.skipIf(!chromium)('the playground against real servers', () => {
  beforeAll(async () => {
    stack = await startRealStack()
    page = stack.page
    await waitForApp(page)
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('Ollama is discovered at its configured base and streams real tokens in a column', async () => {
    await pickIn(page, 0, 'smollm2', 'Ollama', OLLAMA)
    await setSharedParams(page)
    await setPrompt(page, `Name three colors. ${uniqueSuffix()}`)
    await startRun(page)
    await waitForRunEnd(page, RUN_TIMEOUT)
    expect(await column(page, 0).getAttribute('data-status')).toBe('done')
    expect((await outputText(column(page, 0))).length).toBeGreaterThan(0)
    expect(await metricValue(column(page, 0), 'ttft')).toBeGreaterThan(0)
    expect(await metricValue(column(page, 0), 'tokens')).toBeGreaterThan(0)
  })

  test('llama.cpp and LiteLLM are added as custom endpoints; the key stays out of the page', async () => {
    await openView(page, 'settings')
    await addEndpoint(page, 'llama.cpp', `${stack.servers.llama.url}/v1`)
    await addEndpoint(page, 'LiteLLM', `${stack.servers.litellm.url}/v1`, stack.servers.litellm.key)
    expect(await page.content()).not.toContain(stack.servers.litellm.key)
    await openView(page, 'playground')
  })

  test('three columns with real tokens: llama.cpp direct = through LiteLLM = the engine called directly', async () => {
    await setColumnCount(page, 3)
    await pickIn(page, 0, 'smollm2', 'Ollama', OLLAMA)
    await pickIn(page, 1, 'smollm2', 'llama.cpp', LLAMA)
    await pickIn(page, 2, 'via-litellm', 'LiteLLM', VIA_LITELLM)
    comparison.prompt = `Name three animals. ${uniqueSuffix()}`
    await setPrompt(page, comparison.prompt)
    await startRun(page)
    await waitForRunEnd(page, RUN_TIMEOUT)
    for (const i of [0, 1, 2]) {
      expect(await column(page, i).getAttribute('data-status'), `column ${i}`).toBe('done')
      expect((await outputText(column(page, i))).length, `column ${i}`).toBeGreaterThan(0)
      const ttft = await metricValue(column(page, i), 'ttft')
      expect(ttft, `column ${i}`).toBeGreaterThan(0)
      comparison.ttft.push(ttft!)
    }
    expect(await outputText(column(page, 1))).toBe(await outputText(column(page, 2)))
  })

  test('History holds the comparison; its JSON export has the real outputs and no key', async () => {
    const run = await openHistoryRun(page, comparison.prompt)
    const text = await download(page, 'export-json')
    expect(text).not.toContain(stack.servers.litellm.key)
    const exported = JSON.parse(text) as ExportedRun
    expect(exported.runId).toBe(await run.getAttribute('data-run-id'))
    expect(exported.request.columns.map((c) => c.model)).toEqual([OLLAMA, LLAMA, VIA_LITELLM])
    exported.columns.forEach((c, i) => {
      expect(c.output.length, c.model).toBeGreaterThan(0)
      expect(c.timing!.first_token_ms).toBe(comparison.ttft[i])
      expect(c.timing!.output_tokens).toBeGreaterThan(0)
      expect(c.timing!.output_tokens).toBeLessThanOrEqual(MAX_TOKENS)
    })
    const [, direct, viaLitellm] = exported.columns
    expect(viaLitellm!.output).toBe(direct!.output)
    // The playground shows the server's tokens: the engine, called directly with the same request, gets the same text.
    const engine = await completion({
      model: LLAMA,
      api_base: `${stack.servers.llama.url}/v1`,
      api_key: 'unused',
      messages: [{ role: 'user', content: comparison.prompt }],
      temperature: 0,
      max_tokens: MAX_TOKENS,
    })
    expect(direct!.output).toBe(engine.choices[0]!.message.content)
    await openView(page, 'playground')
  })

  test('Run ×3 on the three real columns shows the p50 of each (n = 3 is too few for p90/p99)', async () => {
    await setPrompt(page, `Name three fruits. ${uniqueSuffix()}`)
    await page.getByTestId('repeat-count').fill('3')
    await startRun(page, 'run-repeat')
    await waitForRunEnd(page, RUN_TIMEOUT * 3)
    const table = page.getByTestId('stats-table')
    await table.waitFor({ timeout: STEP_TIMEOUT })
    await page.waitForFunction(() => !document.querySelector('.compare-card.repeat .panel-title .badge'), undefined, {
      timeout: STEP_TIMEOUT,
    })
    const rows = table.locator('tbody tr')
    expect(await rows.count()).toBe(3)
    const models: string[] = []
    for (let r = 0; r < 3; r++) {
      const [model, runs, ...rest] = (await rows.nth(r).locator('td').allInnerTexts()).map((t) => t.trim())
      models.push(model!)
      expect(runs, model).toBe('3')
      const [ttft, decode, total] = [rest.slice(0, 3), rest.slice(3, 6), rest.slice(6, 9)]
      // p50 of real runs: a duration, a rate, a duration; p90/p99 would only repeat the slowest of 3.
      expect(ttft![0], model).toMatch(/^[\d.,]+ (ms|s)$/)
      expect(total![0], model).toMatch(/^[\d.,]+ (ms|s)$/)
      expect(Number(decode![0]!.replace(/,/g, '')), model).toBeGreaterThan(0)
      for (const g of [ttft!, decode!, total!]) expect(g.slice(1), model).toEqual(['n too small', 'n too small'])
    }
    // A custom endpoint's model is named with its endpoint (main/common/model-ref.ts).
    expect(models).toEqual([OLLAMA, `${MODEL} @ llama.cpp`, 'llama-via-litellm @ LiteLLM'])
    await page.getByTestId('repeat-count').fill('1')
  })
})

test.skipIf(chromium)('playground against real servers: prerequisites', () => {
  console.warn(`skipping the real-server UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
