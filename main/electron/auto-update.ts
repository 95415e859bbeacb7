/**
 * Auto-update from GitHub releases, in signed builds only (update-policy.ts).
 * electron-updater reads the feed from resources/app-update.yml, which
 * electron-builder writes from the `publish` section of electron-builder.yml,
 * then the latest*.yml files attached to each release. The current status
 * (automatic, manual with the reason, or off) is shown in Settings.
 */
import type { UpdateStatus } from '../common/api'
import { type BuildFacts, type SignatureCheck, updatePolicy, updatePolicyBeforeSignature } from './update-policy'

/** The logger electron-updater writes to (the shape of its `Logger`). */
export interface UpdateLog {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** The part of electron-updater's `autoUpdater` used here. */
export interface AutoUpdaterLike {
  logger: unknown
  checkForUpdatesAndNotify(): Promise<unknown>
}

export interface AutoUpdateOptions {
  facts: BuildFacts
  /** Checks the running app's code signature (code-signature.ts). */
  checkSignature: () => Promise<SignatureCheck>
  /** Loads electron-updater's autoUpdater (lazily: it loads `electron` at import time). */
  loadUpdater: () => Promise<AutoUpdaterLike>
  log: UpdateLog
  /** How often to check again while the app runs; default every 6 hours. */
  intervalMs?: number
}

export interface Updater {
  /** What Settings shows. */
  status(): UpdateStatus
  /** Resolves once the decision is made (and, when automatic, the first check started). */
  ready: Promise<void>
  /** Stops the periodic checks. */
  stop(): void
}

const SIX_HOURS = 6 * 60 * 60 * 1000

/**
 * Decides whether updates are automatic; when they are, checks now and then every
 * `intervalMs`: a found update downloads in the background, installs on quit and is
 * announced with a system notification (`checkForUpdatesAndNotify`). Failures
 * (offline, rate-limited, no release yet) are logged, never thrown.
 */
export function startAutoUpdate(options: AutoUpdateOptions): Updater {
  const { facts, log, intervalMs = SIX_HOURS } = options
  const early = updatePolicyBeforeSignature(facts)
  let status: UpdateStatus = early ?? { mode: 'manual', reason: "checking this build's code signature" }
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  const announce = () => log.info(`updates ${status.mode}: ${status.reason}`)

  const begin = async (): Promise<void> => {
    if (early) return announce()
    let signature: SignatureCheck
    try {
      signature = await options.checkSignature()
    } catch (err) {
      signature = { signed: false, detail: `signature check failed: ${errorText(err)}` }
    }
    status = updatePolicy(facts, signature)
    announce()
    if (status.mode !== 'automatic' || stopped) return
    let updater: AutoUpdaterLike
    try {
      updater = await options.loadUpdater()
    } catch (err) {
      status = { mode: 'manual', reason: `the updater could not load (${errorText(err)})` }
      log.error(`auto-update unavailable: ${errorText(err)}`)
      return
    }
    if (stopped) return
    updater.logger = log
    const check = () => {
      updater.checkForUpdatesAndNotify().catch((err: unknown) => log.warn(`update check failed: ${errorText(err)}`))
    }
    check()
    timer = setInterval(check, intervalMs)
    timer.unref()
  }

  return {
    status: () => ({ ...status }),
    ready: begin(),
    stop() {
      stopped = true
      if (timer) clearInterval(timer)
    },
  }
}

/**
 * electron-updater's autoUpdater. In the CJS bundle `import()` stays a real dynamic
 * import of a CommonJS module: Node exposes `module.exports` as `default`, and cannot
 * see electron-updater's arrow-getter `autoUpdater` as a named export. `default`
 * first, the named export for ESM loaders.
 */
export async function loadElectronUpdater(): Promise<AutoUpdaterLike> {
  type ElectronUpdater = typeof import('electron-updater')
  const mod: ElectronUpdater & { default?: ElectronUpdater } = await import('electron-updater')
  return mod.default?.autoUpdater ?? mod.autoUpdater
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
