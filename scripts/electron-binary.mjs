// Where Electron's binary is, if it was downloaded. Not `require('electron')`: since
// Electron 45 that starts a download when the binary is missing (which fails on
// registry-only machines). This reads what it would return — node_modules/electron/
// path.txt joined to dist/ — without side effects.

import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** @returns {string | null} the binary's absolute path, or null when not installed */
export function electronBinary() {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathFile = join(pkg, 'path.txt')
    if (!existsSync(pathFile)) return null
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist')
    const binary = join(dist, readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
