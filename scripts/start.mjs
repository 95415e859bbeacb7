#!/usr/bin/env node
// Starts the playground: the desktop app where Electron's binary is installed,
// otherwise browser mode (the same renderer and core, served on 127.0.0.1).
// `--web` forces browser mode; other arguments go to the browser-mode server.

import { spawn } from 'node:child_process'
import { electronBinary } from './electron-binary.mjs'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const webOnly = args.includes('--web')

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
