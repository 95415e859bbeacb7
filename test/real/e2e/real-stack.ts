/**
 * The browser-mode app against the real servers: llama.cpp, LiteLLM and Ollama (the
 * runner's, or started here), the built web server with an environment made from
 * scratch in which only OLLAMA_API_BASE is set — Ollama is found by the app's own
 * discovery at its configured base, everything else is added through the UI — and
 * Debian's Chromium with a fresh profile.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/stack'
import { startWebProcess, type WebProcess } from '../../e2e/web-process'
import { acquireServers, type Servers } from '../servers/index.mjs'

export interface RealStack {
  servers: Required<Servers>
  web: WebProcess
  page: Page
  close(): Promise<void>
}

export async function startRealStack(): Promise<RealStack> {
  const { servers, release } = await acquireServers(['llama', 'litellm', 'ollama'])
  const scratch = mkdtempSync(join(tmpdir(), 'eq-real-e2e-'))
  let web: WebProcess | null = null
  let context: BrowserContext | null = null
  const close = async () => {
    await context?.close().catch(() => {})
    await web?.stop()
    await release()
    rmSync(scratch, { recursive: true, force: true })
  }
  try {
    web = await startWebProcess({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: join(scratch, 'home'),
      EQ_DATA_DIR: join(scratch, 'data'),
      OLLAMA_API_BASE: servers.ollama.url,
    })
    context = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1600, height: 900 },
    })
    const page = await context.newPage()
    await page.goto(web.launchUrl)
    return { servers, web, page, close }
  } catch (err) {
    await close()
    throw err
  }
}
