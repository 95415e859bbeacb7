/**
 * Whether the desktop app was started as the headless bench: `<app> bench <spec> [flags]`,
 * the same command line as `npm run cli -- bench …`. Answers the CLI's arguments
 * (`['bench', spec, …]`) or null for the normal app.
 *
 * Electron's main-process `process.argv` is not Node's: it is the executable, then —
 * only when the app was passed to the default Electron binary (`electron .`,
 * `electron dist/main/electron-main.cjs`; `process.defaultApp`) — the app's path, then
 * the user's arguments. `app.isPackaged` is not the test: it says only that the
 * executable is not named electron, and a packaged app started as `electron app.asar` still
 * has its path in argv (Electron's docs on `process.defaultApp`). Chromium and Electron
 * switches (`--no-sandbox`, `--user-data-dir=…`, `--enable-logging`) stay in argv, and
 * macOS adds `-psn_0_…` to an app opened from the Finder: every argument starting with `-`
 * before the command is skipped. Chromium reads only `--switch=value`, so a switch never
 * takes the next argument. After `bench`, everything is the CLI's, checked by its parser.
 */

/** The command word; anything else first is the normal app (a file opened with it, say). */
export const BENCH_COMMAND = 'bench'

export function benchArguments(argv: readonly string[], defaultApp: boolean): string[] | null {
  let i = 1 // argv[0] is the executable
  const skipSwitches = () => {
    while (i < argv.length && argv[i]!.startsWith('-')) i++
  }
  if (defaultApp) {
    skipSwitches()
    i++ // the app's path, as given to the default Electron binary
  }
  skipSwitches()
  return argv[i] === BENCH_COMMAND ? argv.slice(i) : null
}
