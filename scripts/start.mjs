#!/usr/bin/env node
// Starts the playground: the desktop app where Electron's binary is installed,
// otherwise browser mode (the same renderer and core, served on 127.0.0.1).
// `--web` forces browser mode; other arguments go to the browser-mode server.

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const webOnly = args.includes('--web')

/** Electron's npm package exports the binary's path, and throws when it was not downloaded. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const electron = webOnly ? null : electronBinary()
const [cmd, cmdArgs] = electron
  ? [electron, [`${root}dist/main/electron-main.cjs`]]
  : [process.execPath, [`${root}dist/main/web.cjs`, ...args.filter((a) => a !== '--web')]]
if (!electron && !webOnly) {
  console.log('Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): starting browser mode.')
}
const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: root })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
