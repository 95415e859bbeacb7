/**
 * The one place that looks at `process.platform` (CONVENTIONS.md #10): the
 * rest of the shell reads these constants.
 */
export const isMac = process.platform === 'darwin'
export const isWindows = process.platform === 'win32'
export const isLinux = process.platform === 'linux'

/** macOS apps stay alive with no window (the Dock re-opens one); elsewhere closing the last window quits. */
export const quitWhenAllWindowsClosed = !isMac
