/**
 * Auto-update from GitHub releases. electron-updater reads the feed from
 * resources/app-update.yml, which electron-builder writes from the `publish`
 * section of electron-builder.yml, then the latest*.yml files attached to each
 * release (.github/workflows/release.yml). Off in development: an app run from
 * source has no app-update.yml and nothing to replace.
 */

/** The logger electron-updater writes to (the shape of its `Logger`). */
export interface UpdateLog {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export interface AutoUpdateOptions {
  /** `app.isPackaged`: false when Electron runs the sources (`npm start`). */
  isPackaged: boolean
  log: UpdateLog
  /** How often to check again while the app runs; default every 6 hours. */
  intervalMs?: number
}

const SIX_HOURS = 6 * 60 * 60 * 1000

type ElectronUpdater = typeof import('electron-updater')

/** Why updates are off for this process, or null when they are on. */
export function autoUpdateDisabledReason(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!isPackaged) return 'not packaged (development)'
  if (env.NODE_ENV === 'development') return 'NODE_ENV=development'
  if (env.EQ_NO_AUTO_UPDATE === '1') return 'EQ_NO_AUTO_UPDATE=1'
  return null
}

/**
 * Checks for an update now and then every `intervalMs`; a found update downloads
 * in the background, installs on quit and is announced with a system notification
 * (`checkForUpdatesAndNotify`). Returns a function that stops the periodic checks.
 * Failures (offline, rate-limited, no release yet) are logged, never thrown.
 */
export function startAutoUpdate({ isPackaged, log, intervalMs = SIX_HOURS }: AutoUpdateOptions): () => void {
  const disabled = autoUpdateDisabledReason(isPackaged)
  if (disabled) {
    log.info(`auto-update off: ${disabled}`)
    return () => {}
  }
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  // Imported lazily: electron-updater loads `electron` at import time, and modules
  // that plain-Node tests import must stay free of it.
  void import('electron-updater')
    .then((mod: ElectronUpdater & { default?: ElectronUpdater }) => {
      // In the CJS bundle `import()` stays a real dynamic import of a CommonJS module: Node
      // exposes `module.exports` as `default`, and cannot see electron-updater's arrow-getter
      // `autoUpdater` as a named export. `default` first, the named export for ESM loaders.
      const autoUpdater = mod.default?.autoUpdater ?? mod.autoUpdater
      if (stopped) return
      autoUpdater.logger = log
      const check = () => {
        autoUpdater.checkForUpdatesAndNotify().catch((err: unknown) => {
          log.warn(`update check failed: ${err instanceof Error ? err.message : String(err)}`)
        })
      }
      check()
      timer = setInterval(check, intervalMs)
      timer.unref()
    })
    .catch((err: unknown) => {
      log.error(`auto-update unavailable: ${err instanceof Error ? err.message : String(err)}`)
    })
  return () => {
    stopped = true
    if (timer) clearInterval(timer)
  }
}
