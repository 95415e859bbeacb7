/**
 * The end-to-end stack: the fake provider on loopback, the browser-mode server
 * (built bundle, child process) pointed at it through the engine's base-URL
 * environment variables with test keys, an isolated data directory, and, on
 * demand, Debian's Chromium driven by playwright-core with a fresh profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { type ApiClient, apiClient } from './api-client'
import { type FakeProvider, startFakeProvider } from './fake-provider'
import { startWebProcess, type WebProcess } from './web-process'

export const CHROMIUM_PATH = process.env.EQ_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]

/** Test keys the fake accepts (a key starting with `bad` is rejected in the provider's own format). */
export const TEST_KEYS = {
  OPENAI_API_KEY: 'test-openai-key-0001',
  ANTHROPIC_API_KEY: 'test-anthropic-key-0002',
  GEMINI_API_KEY: 'test-gemini-key-0003',
  GROQ_API_KEY: 'test-groq-key-0004',
  MISTRAL_API_KEY: 'test-mistral-key-0005',
  DEEPSEEK_API_KEY: 'test-deepseek-key-0006',
} as const

export interface StackOptions {
  /** Provide the TEST_KEYS through the environment (default true); false leaves keys to Settings. */
  envKeys?: boolean
  /** Extra environment for the web server. */
  env?: Record<string, string>
  /** Reuse a data directory (default: a fresh temporary one). */
  dataDir?: string
  /** Serve these files instead of the built renderer (dist/renderer). */
  staticDir?: string
}

export interface Stack {
  fake: FakeProvider
  web: WebProcess
  api: ApiClient
  dataDir: string
  /**
   * One throwaway run per wire (then deleted from history, and the fake's log
   * cleared), so JIT compilation and lazy initialisation in a fresh server
   * process, the engine and the fake do not count as provider latency in the
   * first measured run. Connections it opens stay pooled.
   */
  warmUp(): Promise<void>
  /** Launches Chromium (once) and opens the app through its printed URL. */
  openPage(): Promise<Page>
  browser(): Promise<BrowserContext>
  close(): Promise<void>
}

/** The environment the engine reads to send each provider to the fake (see `providers()`' base_env). */
export function providerEnv(fakeUrl: string): Record<string, string> {
  return {
    OPENAI_API_BASE: `${fakeUrl}/v1`,
    ANTHROPIC_API_BASE: fakeUrl,
    GEMINI_API_BASE: fakeUrl,
    OLLAMA_API_BASE: fakeUrl,
    LM_STUDIO_API_BASE: `${fakeUrl}/v1`,
    GROQ_API_BASE: `${fakeUrl}/openai/v1`,
    MISTRAL_API_BASE: `${fakeUrl}/v1`,
    DEEPSEEK_API_BASE: fakeUrl,
    TOGETHERAI_API_BASE: `${fakeUrl}/v1`,
    XAI_API_BASE: `${fakeUrl}/v1`,
    OPENROUTER_API_BASE: `${fakeUrl}/api/v1`,
    FIREWORKS_AI_API_BASE: `${fakeUrl}/inference/v1`,
    PERPLEXITYAI_API_BASE: fakeUrl,
    HOSTED_VLLM_API_BASE: `${fakeUrl}/v1`,
    AZURE_API_BASE: fakeUrl,
  }
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const scratch = mkdtempSync(join(tmpdir(), 'eq-e2e-'))
  const dataDir = options.dataDir ?? join(scratch, 'data')
  const fake = await startFakeProvider()
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(scratch, 'home'),
    EQ_DATA_DIR: dataDir,
    ...(options.staticDir ? { EQ_STATIC_DIR: options.staticDir } : {}),
    ...providerEnv(fake.url),
    ...(options.envKeys === false ? {} : TEST_KEYS),
    ...options.env,
  }
  let web: WebProcess
  try {
    web = await startWebProcess(env)
  } catch (err) {
    await fake.close()
    throw err
  }
  const api = apiClient(() => ({ url: web.url, token: web.token }))
  let context: BrowserContext | null = null
  const browser = async () => {
    if (context) return context
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set EQ_CHROMIUM)`)
    }
    context = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    })
    return context
  }
  return {
    fake,
    get web() {
      return web
    },
    api,
    dataDir,
    browser,
    async warmUp() {
      const events = await api.run({
        messages: [{ role: 'user', content: 'warm up' }],
        params: {},
        columns: ['openai', 'anthropic', 'gemini'].map((p) => ({ columnId: p, model: `${p}/warm-up` })),
      })
      await api.call('deleteRun', events[0]!.runId)
      await fake.clearRequests()
    },
    async openPage() {
      const page = await (await browser()).newPage()
      await page.goto(web.launchUrl)
      return page
    },
    async close() {
      await context?.close().catch(() => {})
      await web.stop()
      await fake.close()
      rmSync(scratch, { recursive: true, force: true })
    },
  }
}
