/**
 * What the UI says when storage fails: a damaged settings file found at start
 * (moved aside, restored from its backup) is shown with its path; a disk that
 * fills up during a run (a 4 MiB tmpfs, where mounting works) stops the
 * column with an error naming the file and the cause, and history then holds
 * exactly what the column showed.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'
import {
  column,
  normalise,
  pickModel,
  setColumnCount,
  setPrompt,
  startRun,
  waitForApp,
  waitForRunEnd,
} from './ui-helpers'

const chromium = existsSync(CHROMIUM_PATH)
const scratch = mkdtempSync(join(tmpdir(), 'eq-ui-storage-'))
const stacks: Stack[] = []
let mounted: string | null = null

afterAll(async () => {
  for (const s of stacks) await s.close()
  if (mounted) execFileSync('umount', [mounted])
  rmSync(scratch, { recursive: true, force: true })
})

function mountTmpfs(dir: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'pipe' })
    mounted = dir
    return true
  } catch {
    return false
  }
}

describe.skipIf(!chromium)('playground UI: storage failures', () => {
  test('a damaged settings.json is moved aside, its backup restored, and the page says so with the path', async () => {
    const dataDir = join(scratch, 'damaged')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'settings.json'), '{"theme": "da')
    writeFileSync(join(dataDir, 'settings.json.bak'), JSON.stringify({ theme: 'dark' }))
    const stack = await startStack({ dataDir })
    stacks.push(stack)
    const page = await stack.openPage()
    await waitForApp(page)
    const notice = page.getByTestId('storage-notice')
    await notice.waitFor()
    const text = normalise((await notice.textContent()) ?? '')
    expect(text).toContain(join(dataDir, 'settings.json'))
    expect(text).toMatch(/was damaged .* moved to .*settings\.json\.damaged-/)
    expect(text).toMatch(/previous good copy .* was restored/)
    // The restored backup's theme is the one in force.
    expect((await stack.api.call('getSettings')).theme).toBe('dark')
    await page.close()
  })

  test('a disk that fills during a run: the column stops with "the disk is full"; history holds what it showed', async (ctx) => {
    const mnt = join(scratch, 'tmpfs')
    if (!mountTmpfs(mnt)) {
      console.warn('skipping the disk-full UI test: mounting a tmpfs needs root on Linux')
      return ctx.skip()
    }
    const dataDir = join(mnt, 'data')
    const stack = await startStack({ dataDir })
    stacks.push(stack)
    await stack.fake.setModelScript('gpt-4o-mini', {
      chunk_count: 4000,
      chunk_text: 'a fairly long token of text; ',
      first_token_delay_ms: 10,
      chunk_delay_ms: 1,
    })
    const page = await stack.openPage()
    await waitForApp(page)
    await setColumnCount(page, 1)
    await pickModel(page, 0, 'gpt-4o-mini', 'openai/gpt-4o-mini')
    await setPrompt(page, 'fill the disk')
    const { bavail, bsize } = statfsSync(mnt)
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 128 * 1024)))
    await startRun(page)
    await waitForRunEnd(page, 60_000)
    const error = column(page, 0).getByTestId('column-error')
    const errorText = normalise((await error.textContent()) ?? '')
    expect(errorText).toContain('HistoryWriteError')
    expect(errorText).toContain(join(dataDir, 'history.sqlite'))
    expect(errorText).toMatch(/the disk is full/)
    expect(errorText).toMatch(/Free some space/)
    rmSync(join(mnt, 'filler'))
    const [summary] = await stack.api.call('listHistory')
    const stored = normalise((await stack.api.call('getRun', summary!.runId))!.columns[0]!.output)
    // textContent, not innerText: settled chunks scrolled out of view are skipped by
    // content-visibility and left out of innerText. The markdown tail renders a frame or
    // so after the column ends: poll.
    const shownText = async () => normalise((await column(page, 0).getByTestId('column-output').textContent()) ?? '')
    await expect.poll(shownText, { timeout: 10_000 }).toBe(stored)
    const shown = await shownText()
    expect(shown.length).toBeGreaterThan(0)
    await page.close()
  })
})
