/**
 * The one place that looks at `process.platform` (CONVENTIONS.md #10): the
 * rest of the shell reads these constants.
 */
export interface PlatformFacts {
  isMac: boolean
  isWindows: boolean
  isLinux: boolean
  /** macOS apps stay alive with no window (the Dock re-opens one); elsewhere closing the last window quits. */
  quitWhenAllWindowsClosed: boolean
}

export function platformFacts(platform: NodeJS.Platform): PlatformFacts {
  const isMac = platform === 'darwin'
  return { isMac, isWindows: platform === 'win32', isLinux: platform === 'linux', quitWhenAllWindowsClosed: !isMac }
}

export const { isMac, isWindows, isLinux, quitWhenAllWindowsClosed } = platformFacts(process.platform)
