// Stand-ins for what only the release runners make, for test/ship/release-rehearsal.test.mjs.
// Every fabricated file says what it is, so none can pass for a real binary or installer.

import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from '../../scripts/release/run.mjs'

export const STAND_IN = 'EDGEQUAKE RELEASE REHEARSAL STAND-IN: not a real'

/** The parts of native/ that npm publishes from, copied to `dir` (the rehearsal never touches the checkout). */
export function copyPublishableNative(nativeDir, dir) {
  mkdirSync(dir, { recursive: true })
  for (const entry of ['package.json', 'npm', 'js', 'index.js', 'index.d.ts', 'README.md', 'LICENSE']) {
    cpSync(join(nativeDir, entry), join(dir, entry), { recursive: true })
  }
  return dir
}

/**
 * native.yml's artifacts as download-artifact lays them out (bindings-<triple>/<binary>):
 * the real host binary, and for every other target a labelled text file.
 */
export function fabricateBindings(dir, { targets, binaryName, platformOf, host }) {
  for (const triple of targets) {
    const platform = platformOf(triple)
    const out = join(dir, `bindings-${triple}`)
    mkdirSync(out, { recursive: true })
    const file = join(out, `${binaryName}.${platform}.node`)
    if (platform === host.platform) cpSync(host.binary, file)
    else writeFileSync(file, `${STAND_IN} ${triple} engine binary\n`)
  }
}

/**
 * What each installer runner of release.yml uploads, named as electron-builder.yml names
 * its outputs, with the electron-updater feed it writes. Keyed by the matrix `name`.
 */
export function runnerOutputs(version) {
  const app = `EdgeQuake-Playground-${version}`
  const mac = (arch) => ({
    files: [`${app}-mac-${arch}.dmg`, `${app}-mac-${arch}.zip`, `${app}-mac-${arch}.zip.blockmap`],
    feed: ['latest-mac.yml', `${app}-mac-${arch}.zip`],
  })
  const win = (arch) => ({
    files: [`${app}-win-${arch}-setup.exe`, `${app}-win-${arch}-setup.exe.blockmap`],
    feed: ['latest.yml', `${app}-win-${arch}-setup.exe`],
  })
  const linux = (appImageArch, debArch, rpmArch, feedName) => ({
    files: [
      `${app}-linux-${appImageArch}.AppImage`,
      `edgequake-playground_${version}_${debArch}.deb`,
      `edgequake-playground-${version}.${rpmArch}.rpm`,
    ],
    feed: [feedName, `${app}-linux-${appImageArch}.AppImage`],
  })
  return {
    'mac-x64': mac('x64'),
    'mac-arm64': mac('arm64'),
    'mac-universal': mac('universal'),
    'win-x64': win('x64'),
    'win-arm64': win('arm64'),
    'linux-x64': linux('x86_64', 'amd64', 'x86_64', 'latest-linux.yml'),
    'linux-arm64': linux('arm64', 'arm64', 'aarch64', 'latest-linux-arm64.yml'),
  }
}

/** Writes `runnerOutputs` as the github-release job downloads them: installers/installers-<runner>/. */
export function fabricateInstallers(dir, version) {
  const yaml = builderYaml()
  for (const [runner, { files, feed }] of Object.entries(runnerOutputs(version))) {
    const out = join(dir, `installers-${runner}`)
    mkdirSync(out, { recursive: true })
    for (const file of files) writeFileSync(join(out, file), `${STAND_IN} installer: ${file}\n`)
    const [feedName, url] = feed
    const bytes = readFileSync(join(out, url))
    const sha512 = createHash('sha512').update(bytes).digest('base64')
    const doc = { version, files: [{ url, sha512, size: bytes.length }], path: url, sha512 }
    writeFileSync(join(out, feedName), yaml.dump({ ...doc, releaseDate: '2026-11-26T00:00:00.000Z' }))
  }
}

/** electron-builder's own YAML library (the one that writes and merges the feeds). */
export function builderYaml() {
  const require = createRequire(join(ROOT, 'package.json'))
  return createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml')
}

/**
 * Starts test/ship/fake-registry.mjs (an npm registry on 127.0.0.1 that knows `existing`,
 * { name: [versions] }) and returns its URL, its request log and how to stop it.
 */
export async function startFakeRegistry(existing = {}) {
  const child = spawn(process.execPath, [join(ROOT, 'test/ship/fake-registry.mjs'), JSON.stringify(existing)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = await once(child.stdout, 'data')
  const url = String(line).trim()
  return {
    url,
    requests: async () => (await fetch(`${url}-/requests`)).json(),
    close: async () => {
      if (child.exitCode === null) {
        child.kill()
        await once(child, 'exit')
      }
    },
  }
}
