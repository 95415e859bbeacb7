// The release job merges the per-runner electron-updater feeds (scripts/merge-update-info.mjs);
// with the merged latest.yml, electron-updater's own file picker hands each Windows arch
// its own installer, named as electron-builder.yml names them.

import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { mergeUpdateInfo } from '../../scripts/merge-update-info.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(join(root, 'package.json'))
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'))
const { getConfig } = builderRequire('./out/util/config/config')
// electron-builder logs to stdout, which node --test reserves for its own messages.
builderRequire('builder-util').setPrinter((message) => process.stderr.write(`${message}\n`))
const { expandMacro } = builderRequire('./out/util/macroExpander')
const { findFile, resolveFiles } = require('electron-updater/out/providers/Provider')

const version = '0.2.0'
const feed = (url, sha512) => ({
  version,
  files: [{ url, sha512, size: 1 }],
  path: url,
  sha512,
  releaseDate: '2026-01-01T00:00:00.000Z',
})

const realArch = Object.getOwnPropertyDescriptor(process, 'arch')
after(() => Object.defineProperty(process, 'arch', realArch))

test('runner feeds merge into one list, first input first', () => {
  const merged = mergeUpdateInfo([feed('a-x64.zip', 'A'), feed('a-arm64.zip', 'B'), feed('a-x64.zip', 'A')])
  assert.deepEqual(
    merged.files.map((f) => f.url),
    ['a-x64.zip', 'a-arm64.zip'],
  )
  assert.equal(merged.path, 'a-x64.zip')
  assert.equal(merged.version, version)
})

test('feeds of different versions are refused', () => {
  assert.throws(() => mergeUpdateInfo([feed('a', 'A'), { ...feed('b', 'B'), version: '0.1.0' }]), /disagree on version/)
})

test('each Windows arch updates to its own NSIS installer', async () => {
  const config = await getConfig(root, null, null)
  const names = Object.fromEntries(
    ['x64', 'arm64'].map((arch) => [
      arch,
      expandMacro(config.nsis.artifactName, arch, { version }, { os: 'win', ext: 'exe' }),
    ]),
  )
  assert.notEqual(names.x64, names.arm64)
  const merged = mergeUpdateInfo([feed(names.x64, 'X'), feed(names.arm64, 'A')])
  const files = resolveFiles(merged, new URL(`https://github.com/o/r/releases/download/v${version}/`))
  for (const arch of ['x64', 'arm64']) {
    Object.defineProperty(process, 'arch', { value: arch, configurable: true })
    assert.ok(findFile(files, 'exe').url.pathname.endsWith(`/${names[arch]}`), `${arch} would install the wrong file`)
  }
})
