/**
 * Whether this build may update itself. Only a build whose code signature the
 * OS can check (Developer ID on macOS, Authenticode on Windows) updates
 * automatically: electron-updater verifies a downloaded Windows installer
 * against the running app's publisher, and Squirrel.Mac against its designated
 * requirement, so an unsigned build has nothing to check an update against and
 * would install whatever the feed serves. Linux packages are not signed
 * (AppImage) or belong to the package manager (deb, rpm): updates there are manual.
 */
import type { UpdateStatus } from '../common/api'

export const RELEASES_HINT = 'download new versions from the GitHub releases page'

/** The result of checking the running app's code signature. */
export interface SignatureCheck {
  signed: boolean
  /** What was found: the signing authority, or why the build counts as unsigned. */
  detail: string
}

export interface BuildFacts {
  /** `app.isPackaged`: false when Electron runs the sources (`npm start`). */
  isPackaged: boolean
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
}

/** The decision that needs no signature check, or null when it depends on one. */
export function updatePolicyBeforeSignature({ isPackaged, platform, env }: BuildFacts): UpdateStatus | null {
  if (!isPackaged) return { mode: 'off', reason: 'development build run from source: update it with git pull' }
  if (env.NODE_ENV === 'development') return { mode: 'off', reason: 'NODE_ENV=development' }
  if (env.EQ_NO_AUTO_UPDATE === '1')
    return { mode: 'off', reason: `turned off by EQ_NO_AUTO_UPDATE=1; ${RELEASES_HINT}` }
  if (platform === 'linux') {
    // electron-builder's AppImage runtime sets APPIMAGE to the image's path.
    return env.APPIMAGE
      ? { mode: 'manual', reason: `AppImage builds are not signed: ${RELEASES_HINT}` }
      : { mode: 'manual', reason: 'installed as a .deb or .rpm: update it with your package manager' }
  }
  if (platform !== 'darwin' && platform !== 'win32') {
    return { mode: 'manual', reason: `no code signing on ${platform}: ${RELEASES_HINT}` }
  }
  return null
}

/** The decision once the signature is known (macOS and Windows). */
export function updatePolicy(facts: BuildFacts, signature: SignatureCheck): UpdateStatus {
  const early = updatePolicyBeforeSignature(facts)
  if (early) return early
  return signature.signed
    ? { mode: 'automatic', reason: `signed build (${signature.detail})` }
    : { mode: 'manual', reason: `this build is not code-signed (${signature.detail}): ${RELEASES_HINT}` }
}
