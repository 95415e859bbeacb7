/**
 * History and export through the UI: a comparison made in the playground is
 * listed in History after the server process is stopped and started again on
 * the same data directory (also after a SIGKILL, even one that interrupted a
 * database statement), opens with the same outputs,
 * and its JSON export (a real browser download) holds exactly the outputs and
 * TTFTs the columns showed; the CSV export carries the same figures.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
  download,
  type ExportedRun,
  metricValue,
  normalise,
  openHistoryRun,
  outputText,
  parseCsv,
  pickModel,
  setPrompt,
  startRun,
  uniqueSuffix,
  waitForApp,
  waitForRunEnd,
} from './ui-helpers'

const chromium = existsSync(CHROMIUM_PATH)
const OPENAI = 'openai/gpt-4o-mini'
const ANTHROPIC = 'anthropic/claude-3-5-haiku-latest'
const OPENAI_TEXT = 'Hash maps trade memory for speed: a key is hashed to a bucket, and lookups stay O(1) on average.'
const ANTHROPIC_TEXT = 'A hash map stores pairs in buckets chosen by a hash of the key; collisions share a bucket.'

let stack: Stack
let page: Page
/** What the playground showed for the run under test. */
const shown: { prompt: string; outputs: string[]; ttft: number[]; tokens: number[] } = {
  prompt: '',
  outputs: [],
  ttft: [],
  tokens: [],
}

describe.skipIf(!chromium)('playground UI: history and export', () => {
  beforeAll(async () => {
    stack = await startStack()
    await stack.warmUp()
    await stack.fake.setModelScript('gpt-4o-mini', { text: OPENAI_TEXT, first_token_delay_ms: 120, chunk_delay_ms: 10 })
    await stack.fake.setModelScript('claude-3-5-haiku-latest', {
      text: ANTHROPIC_TEXT,
      first_token_delay_ms: 60,
      chunk_delay_ms: 10,
    })
    page = await stack.openPage()
    await waitForApp(page)
    await pickModel(page, 0, 'gpt-4o-mini', OPENAI)
    await pickModel(page, 1, 'haiku', ANTHROPIC)
    shown.prompt = `History survives ${uniqueSuffix()}`
    await setPrompt(page, shown.prompt)
    await startRun(page)
    await waitForRunEnd(page)
    for (const i of [0, 1]) {
      shown.outputs.push(await outputText(column(page, i)))
      shown.ttft.push((await metricValue(column(page, i), 'ttft'))!)
      shown.tokens.push((await metricValue(column(page, i), 'tokens'))!)
    }
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('the run is shown complete in the playground', () => {
    expect(shown.outputs).toEqual([OPENAI_TEXT, ANTHROPIC_TEXT])
    for (const t of shown.ttft) expect(t).toBeGreaterThan(0)
  })

  test('the JSON export is what the columns showed', async () => {
    const run = await openHistoryRun(page, shown.prompt)
    const exported = JSON.parse(await download(page, 'export-json')) as ExportedRun
    expect(exported.runId).toBe(await run.getAttribute('data-run-id'))
    expect(exported.request.columns.map((c) => c.model)).toEqual([OPENAI, ANTHROPIC])
    expect(exported.request.messages).toEqual([{ role: 'user', content: shown.prompt }])
    expect(exported.columns).toHaveLength(2)
    exported.columns.forEach((c, i) => {
      expect(c.model).toBe([OPENAI, ANTHROPIC][i])
      expect(normalise(c.output)).toBe(shown.outputs[i])
      // The very number behind the cell, not a rounding of it.
      expect(c.timing!.first_token_ms).toBe(shown.ttft[i])
      expect(c.timing!.output_tokens).toBe(shown.tokens[i])
    })
    // The history view shows the same figures as the playground did.
    const columns = run.locator('article.history-column')
    for (const i of [0, 1]) {
      expect(await outputText(columns.nth(i))).toBe(shown.outputs[i])
      expect(await metricValue(columns.nth(i), 'ttft')).toBe(shown.ttft[i])
    }
    // The CSV export: one row per column with the same TTFT, token count and output length.
    const csv = parseCsv(await download(page, 'export-csv'))
    expect(csv.map((r) => r.model)).toEqual([OPENAI, ANTHROPIC])
    csv.forEach((r, i) => {
      expect(r.run_id).toBe(exported.runId)
      expect(r.status).toBe('ok')
      expect(Number(r.ttft_ms)).toBe(shown.ttft[i])
      expect(Number(r.output_tokens)).toBe(shown.tokens[i])
      expect(Number(r.output_chars)).toBe(exported.columns[i]!.output.length)
    })
  })

  test('history survives a restart of the server (SIGTERM; SIGKILL, also mid-statement)', async () => {
    for (const stop of ['restart', 'crash', 'crash mid-statement'] as const) {
      if (stop !== 'restart') await stack.web.crash()
      // node-sqlite3-wasm locks the database with a directory while a statement runs (a few
      // percent of the time during a run): a process killed then leaves it behind.
      if (stop === 'crash mid-statement') mkdirSync(join(stack.dataDir, 'history.sqlite.lock'), { recursive: true })
      await stack.web.restart()
      // A new process: a new port and token; the browser logs in through the new printed URL.
      await page.goto(stack.web.launchUrl)
      await waitForApp(page)
      const run = await openHistoryRun(page, shown.prompt)
      const columns = run.locator('article.history-column')
      expect(await columns.count(), `after ${stop}`).toBe(2)
      for (const i of [0, 1]) {
        expect(await outputText(columns.nth(i)), `after ${stop}`).toBe(shown.outputs[i])
        expect(await metricValue(columns.nth(i), 'ttft'), `after ${stop}`).toBe(shown.ttft[i])
      }
      // Found by searching, too.
      await page.getByTestId('history-search').fill('haiku')
      await page.getByTestId('history-item').filter({ hasText: shown.prompt }).waitFor({ timeout: 5000 })
      await page.getByTestId('history-search').fill('')
    }
  })
})

test.skipIf(chromium)('playground UI history: prerequisites', () => {
  console.warn(`skipping the UI tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
