// Electron's fuses in a packaged app, read with @electron/fuses (the library electron-builder
// flips them with), and the fuses this app must ship with.
//
//   node scripts/electron-fuses.mjs <packaged app: .app bundle, executable, or electron-builder --dir output>
//       prints each fuse and exits 1 when one differs from REQUIRED_FUSES
//
// Used by test/ship/electron-fuses.test.mjs, test/ship/stage-app.test.mjs and the packaged-app
// smoke test (which, for Playwright only, turns the inspector fuse back on in a copy).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(ROOT, 'package.json'))
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'))
const fuses = builderRequire('@electron/fuses')

/** electronFuses option name → FuseV1Options index, as electron-builder maps them. */
export const FUSE_INDEX = {
  runAsNode: fuses.FuseV1Options.RunAsNode,
  enableCookieEncryption: fuses.FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: fuses.FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: fuses.FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: fuses.FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: fuses.FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: fuses.FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: fuses.FuseV1Options.GrantFileProtocolExtraPrivileges,
}

/** The fuses the shipped app must have (issue #8; Electron's security guidance). */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
}

const STATE = { 48: false, 49: true, 114: 'removed' }

/** The fuses of the Electron binary at `path` (executable or .app) → { option name: true | false | 'removed' }. */
export async function readFuses(path) {
  const wire = await fuses.getCurrentFuseWire(path)
  const out = {}
  for (const [name, index] of Object.entries(FUSE_INDEX)) {
    if (wire[index] !== undefined) out[name] = STATE[wire[index]] ?? `unknown (${wire[index]})`
  }
  return out
}

/** Differences between what a binary has and REQUIRED_FUSES, one sentence each. */
export function fuseProblems(actual, required = REQUIRED_FUSES) {
  return Object.entries(required)
    .filter(([name, want]) => actual[name] !== want)
    .map(([name, want]) => `${name} is ${actual[name] === undefined ? 'missing' : actual[name]}, must be ${want}`)
}

/** Sets fuses in place (e.g. the inspector for Playwright, in a test copy); re-signs ad hoc on macOS. */
export function flipFuses(path, settings) {
  const config = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature: path.includes('.app') }
  for (const [name, value] of Object.entries(settings)) config[FUSE_INDEX[name]] = value
  return fuses.flipFuses(path, config)
}

/**
 * The Electron executable (or .app) in a packaged app: an .app path as is, an executable as
 * is, or the one app in an electron-builder `--dir` output directory (linux-unpacked/,
 * win-unpacked/, mac*\/).
 */
export function findPackagedBinary(given) {
  const path = resolve(given)
  if (!existsSync(path)) throw new Error(`no packaged app at ${path}`)
  if (path.endsWith('.app') || statSync(path).isFile()) return path
  const { name } = require('./package.json')
  const { productName } = builderRequire('js-yaml').load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'))
  const candidates = [
    join(path, `${productName}.app`),
    join(path, `${productName}.exe`),
    join(path, name),
    ...readdirSync(path)
      .filter((d) => /^(linux|win|mac)/.test(d))
      .flatMap((d) => [join(path, d, `${productName}.app`), join(path, d, `${productName}.exe`), join(path, d, name)]),
  ]
  const found = candidates.find((c) => existsSync(c))
  if (!found) throw new Error(`no Electron app (${productName}.app, ${productName}.exe or ${name}) under ${path}`)
  return found
}

async function main() {
  const target = process.argv[2]
  if (!target) throw new Error('usage: node scripts/electron-fuses.mjs <packaged app or --dir output>')
  const binary = findPackagedBinary(target)
  const actual = await readFuses(binary)
  for (const [name, state] of Object.entries(actual)) console.log(`${name}: ${state}`)
  const problems = fuseProblems(actual)
  for (const p of problems) console.error(`problem: ${p}`)
  process.exit(problems.length === 0 ? 0 : 1)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err.message)
    process.exit(1)
  })
}
