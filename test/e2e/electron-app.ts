/**
 * Shared by the desktop smoke tests: how to launch Electron for a test (its own
 * user-data directory, no keychain prompt, no provider keys from the developer's
 * shell), how to talk to `window.playground` in its page, and how to run the app
 * as the headless bench (`<app> bench <spec>`).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ElectronApplication, Page } from 'playwright-core'

export const NO_ELECTRON =
  "Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD; it cannot be downloaded on this machine, " +
  'and `EQ_ELECTRON=1 npm test` fetches it on a desktop): skipping; GitHub CI runs this on Linux, macOS and Windows'

/** Set by CI's desktop job: a missing Electron binary is a failure there, not a skip. */
export const REQUIRE_ELECTRON = process.env.EQ_REQUIRE_ELECTRON === '1'

/**
 * Switches for a test launch: a user-data directory of its own (Electron takes
 * userData from it); macOS's mock keychain, so safeStorage never prompts; Linux's
 * basic password store, so the result does not depend on the runner's keyring.
 */
export function launchArgs(userData: string): string[] {
  const args = [`--user-data-dir=${userData}`]
  if (process.platform === 'darwin') args.push('--use-mock-keychain')
  if (process.platform === 'linux') args.push('--password-store=basic')
  return args
}

/** The test's environment minus anything that could reach a real provider or change how Electron runs. */
export function launchEnv(): Record<string, string> {
  const env: Record<string, string> = { ELECTRON_ENABLE_LOGGING: '1' }
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue
    if (/_API_(KEY|BASE)$|^ELECTRON_RUN_AS_NODE$|^NODE_OPTIONS$|^EQ_RENDERER_URL$/.test(name)) continue
    env[name] = value
  }
  return env
}

type Api = Record<string, (...args: unknown[]) => Promise<unknown>>

/** Calls `window.playground[method](...args)` in the page. */
export function call<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) => (globalThis as unknown as { playground: Api }).playground[m as string]!(...(a as unknown[])),
    [method, args] as const,
  ) as Promise<T>
}

/** Runs `simulated/alpha` once and returns the event types, as they arrived over the MessagePort. */
export function simulatedRun(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const seen: string[] = []
        const api = (
          globalThis as unknown as {
            playground: { startRun(r: unknown, cb: (e: { type: string }) => void): Promise<unknown> }
          }
        ).playground
        api
          .startRun(
            {
              messages: [{ role: 'user', content: 'hello' }],
              params: {},
              columns: [{ columnId: 'a', model: 'simulated/alpha' }],
            },
            (e) => {
              seen.push(e.type)
              if (e.type === 'run-finished') resolve(seen)
            },
          )
          .catch(reject)
      }),
  )
}

/** The app's first window, loaded. */
export async function firstPage(app: ElectronApplication): Promise<Page> {
  const page = await app.firstWindow()
  await page.waitForLoadState('domcontentloaded')
  return page
}

/** A one-model spec for the Simulated provider whose SLO gate passes (`'pass'`) or cannot (`'fail'`). */
export function benchSpec(dir: string, gate: 'pass' | 'fail'): string {
  const path = join(dir, `${gate}.yaml`)
  const ttft = gate === 'pass' ? 600_000 : 1
  writeFileSync(
    path,
    `name: app bench ${gate}\nmodels: [simulated/alpha]\nprompt: hi\nruns: 2\nslo: {ttft_ms: ${ttft}}\n` +
      'simulated: {ttft_ms: 5, tokens_per_second: 4000}\n',
  )
  return path
}

/**
 * Whether a test can read the app's stdout through a pipe. Not on Windows, where Electron is
 * a GUI program: its output goes to the console it attaches to, and captured pipes have not
 * been reliable (electron/electron#4552, #17244); there the exit code and the reports are the
 * contract (README, "Headless, from the installed app").
 */
export const STDOUT_CAPTURED = process.platform !== 'win32'

export interface AppBench {
  status: number | null
  stdout: string
  stderr: string
  /** The report files written to `out`, by extension (html, json, md). */
  reports: string[]
}

/**
 * Runs the app's executable in bench mode (`args` before `bench`: the app path when it is
 * the default Electron binary, then Chromium switches) and waits for it to exit. Bounded:
 * a bench that never exits is killed after three minutes.
 */
export function runAppBench(executable: string, args: string[], spec: string, out: string): AppBench {
  const run = spawnSync(executable, [...args, 'bench', spec, '--out', out], {
    env: launchEnv(),
    encoding: 'utf8',
    timeout: 180_000,
  })
  if (run.error) throw run.error
  const reports = existsSync(out)
    ? readdirSync(out)
        .map((f) => f.split('.').pop()!)
        .sort()
    : []
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, reports }
}
