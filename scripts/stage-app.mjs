#!/usr/bin/env node
// Packs the app directory exactly as the installers do, with electron-builder itself
// and electron-builder.yml, but without Electron's binary: a stand-in Electron
// distribution (an empty `electron` file) is enough for the Linux `dir` target, and
// nothing is downloaded. The result is the real resources/app.asar and
// app.asar.unpacked that every installer wraps.
//
//   node scripts/stage-app.mjs [--arch x64|arm64] [--out DIR]
//       stage the Linux app for `arch` (default: this machine's) and list the engine files
//   node scripts/stage-app.mjs --verify-release DIR --expect <platform-arch-abi>
//       check every app packed under DIR (release runners): exactly one engine binary,
//       edgequake-llm.<expect>.node, unpacked next to app.asar
//
// Used by test/ship/stage-app.test.mjs and .github/workflows/release.yml.

import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(ROOT, 'package.json'))

/** The build outputs the app is made of, and the npm script that produces each. */
export const APP_OUTPUTS = [
  ['dist/main/electron-main.cjs', 'build:main'],
  ['dist/main/preload.cjs', 'build:main'],
  ['dist/renderer/index.html', 'build:renderer'],
]

/** The Linux app's executable: electron-builder names it after package.json's `name`. */
export const LINUX_EXECUTABLE = require('./package.json').name

/** napi-rs's name for a Linux glibc binary of `arch`. */
export const linuxBinary = (arch) => `edgequake-llm.linux-${arch}-gnu.node`

// Progress goes to stderr, electron-builder's included: under `node --test`, stdout
// carries the runner's own messages, and stray writes there can corrupt them.
const progress = (message) => process.stderr.write(`${message}\n`)

function npm(args) {
  const cmd = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  progress(`[stage-app] npm ${args.join(' ')}`)
  execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' })
}

/** Runs the real builds for whatever output is missing (the main/renderer bundles, the host's engine binary). */
export function ensureBuilt() {
  const missing = [
    ...new Set(APP_OUTPUTS.filter(([file]) => !existsSync(join(ROOT, file))).map(([, script]) => script)),
  ]
  for (const script of missing) npm(['run', script])
  if (process.platform === 'linux' && !existsSync(join(ROOT, 'native', linuxBinary(process.arch)))) {
    npm(['run', 'build:native'])
  }
  const still = APP_OUTPUTS.filter(([file]) => !existsSync(join(ROOT, file))).map(([file]) => file)
  if (still.length > 0) throw new Error(`build outputs still missing after building: ${still.join(', ')}`)
}

/**
 * The fuse wire of an unmodified Electron binary, as @electron/fuses finds it: the sentinel,
 * the wire version (1), its length, then one byte per fuse ('1' on, '0' off) in
 * FuseV1Options order: RunAsNode on, EnableCookieEncryption off, EnableNodeOptionsEnvironmentVariable
 * on, EnableNodeCliInspectArguments on, EnableEmbeddedAsarIntegrityValidation off,
 * OnlyLoadAppFromAsar off, LoadBrowserProcessSpecificV8Snapshot off,
 * GrantFileProtocolExtraPrivileges on (Electron's documented defaults).
 */
export const STAND_IN_FUSE_WIRE = Buffer.concat([
  Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
  Buffer.from([1, 8]),
  Buffer.from('10110001'),
])

/**
 * An Electron distribution with nothing in it but the files electron-builder renames and
 * reads. The stand-in executable carries Electron's default fuse wire after its last line,
 * so electron-builder flips the fuses of electron-builder.yml in it exactly as in the real
 * binary, and the staged result can be read back (test/ship/stage-app.test.mjs).
 */
function fakeElectronDist(dir) {
  mkdirSync(dir, { recursive: true })
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron for staging" >&2\nexit 1\n# fuse wire: ')
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, STAND_IN_FUSE_WIRE, Buffer.from('\n')]))
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'version'), require('electron/package.json').version)
  return dir
}

/**
 * Packs the Linux `dir` target for `arch` with electron-builder.yml into `out` and
 * returns where the app's resources landed.
 */
export async function stageApp({ arch = process.arch, out = mkdtempSync(join(tmpdir(), 'eq-stage-')) } = {}) {
  const { build, Platform, Arch } = require('electron-builder')
  if (!(arch in Arch)) throw new Error(`unknown arch ${arch}`)
  createRequire(require.resolve('electron-builder'))('builder-util').setPrinter(progress)
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir', Arch[arch]),
    publish: 'never',
    // Merged over electron-builder.yml: only where the output goes, where "Electron"
    // comes from, and a placeholder feed so app-update.yml is written as in a release.
    config: {
      electronDist: fakeElectronDist(join(out, 'electron-dist')),
      directories: { output: join(out, 'release') },
      publish: { provider: 'github', owner: 'edgequake-staging', repo: 'edgequake-playground' },
    },
  })
  const appDir = join(out, 'release', arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`)
  return { out, appDir, resourcesDir: join(appDir, 'resources'), executable: join(appDir, LINUX_EXECUTABLE) }
}

/**
 * What is in a packed app: `packed` (inside app.asar) and `unpacked` (in app.asar.unpacked),
 * as paths relative to the app root with forward slashes, as electron-builder's asar lists them.
 */
export function inspectResources(resourcesDir) {
  const asar = require('@electron/asar')
  const packed = []
  const unpacked = []
  for (const line of asar.listPackage(join(resourcesDir, 'app.asar'), { isPack: true })) {
    const match = /^(pack|unpack)\s*:\s*(.*)$/.exec(line)
    if (!match) continue
    const path = match[2].replaceAll('\\', '/').replace(/^\//, '')
    ;(match[1] === 'pack' ? packed : unpacked).push(path)
  }
  const unpackedOnDisk = listFiles(join(resourcesDir, 'app.asar.unpacked'))
  return { packed, unpacked, unpackedOnDisk }
}

function listFiles(dir) {
  if (!existsSync(dir)) return []
  const files = []
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.push(relative(dir, path).split(sep).join('/'))
    }
  }
  walk(dir)
  return files.sort()
}

/** Problems with the engine binaries in a packed app, given the one binary expected. */
export function engineProblems({ packed, unpacked, unpackedOnDisk }, expectedBinary) {
  const problems = []
  const want = `node_modules/@edgequake/llm/${expectedBinary}`
  const nodeFiles = [...packed, ...unpacked].filter((p) => p.endsWith('.node'))
  if (packed.some((p) => p.endsWith('.node')))
    problems.push(`.node files packed inside app.asar: ${packed.filter((p) => p.endsWith('.node'))}`)
  if (!unpacked.includes(want)) problems.push(`${want} is not unpacked`)
  if (!unpackedOnDisk.includes(want)) problems.push(`${want} is missing from app.asar.unpacked on disk`)
  const others = nodeFiles.filter((p) => p !== want)
  if (others.length > 0) problems.push(`other binaries packed: ${others.join(', ')}`)
  return problems
}

/** Every packed app under a release output dir: its `resources` directory. */
function findResourceDirs(dir) {
  const found = []
  const walk = (d, depth) => {
    if (depth > 5 || !existsSync(d)) return
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (!statSync(path).isDirectory()) continue
      if (existsSync(join(path, 'app.asar')) && /^(resources|Resources)$/.test(name)) found.push(path)
      else walk(path, depth + 1)
    }
  }
  walk(dir, 0)
  return found
}

function arg(name) {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main() {
  const releaseDir = arg('--verify-release')
  if (releaseDir) {
    const expect = arg('--expect')
    if (!expect) throw new Error('--verify-release needs --expect <platform-arch-abi>, e.g. --expect linux-x64-gnu')
    const dirs = findResourceDirs(releaseDir)
    if (dirs.length === 0) throw new Error(`no packed app (resources/app.asar) under ${releaseDir}`)
    let failed = false
    for (const dir of dirs) {
      const problems = engineProblems(inspectResources(dir), `edgequake-llm.${expect}.node`)
      console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${dir}`)
      for (const p of problems) console.log(`     ${p}`)
      failed ||= problems.length > 0
    }
    process.exit(failed ? 1 : 0)
  }

  ensureBuilt()
  const arch = arg('--arch') ?? process.arch
  const { resourcesDir } = await stageApp({ arch, out: arg('--out') })
  const listing = inspectResources(resourcesDir)
  console.log(`staged ${resourcesDir}`)
  console.log(`app.asar: ${listing.packed.length} entries; unpacked: ${listing.unpacked.join(', ') || 'nothing'}`)
  for (const p of listing.packed.filter(
    (f) => !f.startsWith('node_modules/') || f.startsWith('node_modules/@edgequake/'),
  )) {
    console.log(`  ${p}`)
  }
  const problems = engineProblems(listing, linuxBinary(arch))
  for (const p of problems) console.error(`problem: ${p}`)
  process.exit(problems.length === 0 ? 0 : 1)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
