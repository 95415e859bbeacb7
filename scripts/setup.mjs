#!/usr/bin/env node
// Brings a fresh clone to a runnable state, doing only what is missing or stale:
// npm dependencies (Electron's binary download skipped where it cannot work), the
// native addon (cargo, release), the renderer and main bundles, and — with
// --for-tests — Debian's Chromium for the browser end-to-end tests, Python's venv
// module for the Python package's tests, cargo-fuzz, and the real third-party servers
// of test/real/ (scripts/setup-real-servers.mjs).
// Used by `npm start`, `npm run web` and `npm test`, so both Quick start commands
// work on a machine that has only Node, npm and Rust.

import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { electronBinary } from './electron-binary.mjs'

const root = new URL('..', import.meta.url).pathname
const forTests = process.argv.includes('--for-tests')

function run(cmd, args, env = {}) {
  console.log(`[setup] ${cmd} ${args.join(' ')}`)
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
}

/** Newest modification time under `dir` (files matching `keep`), 0 when absent. */
function newest(dir, keep = () => true) {
  if (!existsSync(dir)) return 0
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'target') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, keep))
    else if (keep(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs)
  }
  return latest
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0
}

function installDependencies() {
  const stamp = join(root, 'node_modules/.package-lock.json')
  if (mtime(stamp) >= mtime(join(root, 'package-lock.json'))) return
  // Electron's postinstall downloads its binary from GitHub, which is unreachable
  // on registry-only machines; its typings still install. EQ_ELECTRON=1 opts in.
  const env = process.env.EQ_ELECTRON === '1' ? {} : { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
  run('npm', ['ci', '--no-audit', '--no-fund'], env)
}

/** EQ_ELECTRON=1 on a desktop machine: fetch Electron's binary if the install skipped it. */
function installElectron() {
  if (process.env.EQ_ELECTRON !== '1' || electronBinary()) return
  run('node', ['node_modules/electron/install.js'])
}

function buildNative() {
  const sources = Math.max(
    newest(join(root, 'native/core')),
    newest(join(root, 'native/napi')),
    mtime(join(root, 'native/Cargo.lock')),
  )
  const addon = readdirSync(join(root, 'native')).find((f) => f.endsWith('.node'))
  const fresh = addon && existsSync(join(root, 'native/index.js')) && mtime(join(root, 'native', addon)) >= sources
  if (!fresh) run('npm', ['run', 'build:native'])
}

function buildApp() {
  const rendererOut = join(root, 'dist/renderer/index.html')
  if (existsSync(join(root, 'renderer/vite.config.ts'))) {
    const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'main/common')))
    if (mtime(rendererOut) < sources) run('npm', ['run', 'build:renderer'])
  }
  if (existsSync(join(root, 'scripts/build-main.mjs'))) {
    const out = join(root, 'dist/main/web.cjs')
    if (mtime(out) < newest(join(root, 'main'))) run('npm', ['run', 'build:main'])
  }
}

function installChromium() {
  if (existsSync('/usr/bin/chromium')) return
  if (process.getuid?.() !== 0) {
    console.warn(
      '[setup] /usr/bin/chromium is missing and we are not root: run `sudo apt-get install -y chromium` for the browser tests',
    )
    return
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' }
  const install = () => run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], env)
  run('apt-get', ['update', '-q'])
  try {
    install()
  } catch (err) {
    // Seen once here: dpkg failing on a half-unpacked archive. Repairing and retrying fixes it.
    console.warn(`[setup] installing chromium failed (${err.message}); repairing dpkg and retrying once`)
    run('apt-get', ['--fix-broken', 'install', '-y', '-q'], env)
    install()
  }
}

/**
 * Python with its venv module for the Python package's tests (scripts/python-check.mjs):
 * Debian splits `venv`/`ensurepip` into python3-venv, missing from slim images.
 */
function installPythonVenv() {
  const python = process.env.PYTHON ?? 'python3'
  try {
    execFileSync(python, ['-c', 'import venv, ensurepip'], { stdio: 'ignore' })
    return
  } catch {
    // missing python3 or its venv module: install them below where we can
  }
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.warn(`[setup] ${python} with its venv module is missing: install Python 3.9+ (Debian: python3-venv)`)
    return
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' }
  run('apt-get', ['update', '-q'])
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'python3', 'python3-venv', 'python3-pip'], env)
}

/** cargo-fuzz for the fuzz smoke run (needs the nightly toolchain these machines have). */
function installCargoFuzz() {
  const probe = () => {
    try {
      execFileSync('cargo', ['+nightly', 'fuzz', '--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  }
  if (probe()) return
  try {
    execFileSync('cargo', ['+nightly', '--version'], { stdio: 'ignore' })
  } catch {
    // cargo-fuzz needs a nightly compiler (sanitizer coverage flags).
    run('rustup', ['toolchain', 'install', 'nightly', '--profile', 'minimal'])
  }
  run('cargo', ['install', 'cargo-fuzz', '--locked', '--version', '0.13.2'])
}

installDependencies()
installElectron()
buildNative()
buildApp()
if (forTests) {
  installChromium()
  installPythonVenv()
  installCargoFuzz()
  run('node', ['scripts/setup-real-servers.mjs'])
}
