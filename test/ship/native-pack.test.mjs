// `npm pack --dry-run` of @edgequake/llm lists exactly what the package should
// ship: the generated loader and typings, the JS API in js/, package.json, and
// README/LICENSE when present. Rust sources, Cargo files, target/, the
// per-platform package dirs and every .node binary stay out: the binaries reach
// users through the @edgequake/llm-<platform> optional dependencies.

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { apiFiles } from './native-api-files.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const nativeDir = join(root, 'native')
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))
const pkg = readJson(join(nativeDir, 'package.json'))

function packList() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--workspace', '@edgequake/llm'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return JSON.parse(out)[0]
    .files.map((f) => f.path.replaceAll('\\', '/'))
    .sort()
}

/** What should ship, derived from the tree: loader, typings, js/ API files and generated types, docs. */
function expectedList() {
  const docs = readdirSync(nativeDir).filter((f) => /^(readme|license|licence)(\.|$)/i.test(f))
  return ['package.json', 'index.js', 'index.d.ts', ...apiFiles(nativeDir), ...docs].sort()
}

const files = packList()

test('the tarball lists exactly the loader, typings, generated types, js/ API, package.json and docs', () => {
  assert.deepEqual(files, expectedList())
})

test('the JS API, the loader and the binding loader are in it', () => {
  for (const f of ['index.js', 'index.d.ts', 'js/index.cjs', 'js/index.mjs', 'js/index.d.ts', 'js/load-binding.cjs']) {
    assert.ok(files.includes(f), `${f} missing from the tarball`)
  }
})

test('every entry point named in package.json ships', () => {
  const targets = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.exports['.']), pkg.exports['./package.json']]
  for (const t of targets) assert.ok(files.includes(t.replace(/^\.\//, '')), `${t} is an entry point but not packed`)
})

test('no binaries, Rust sources, build output or per-platform packages', () => {
  const leaked = files.filter((f) =>
    /\.node$|\.rs$|^Cargo\.|^target\/|^core\/|^napi\/|^npm\/|^artifacts\/|rustfmt/.test(f),
  )
  assert.deepEqual(leaked, [])
})

test('one per-platform package per napi target, named and constrained as napi-rs does', () => {
  const triples = {
    'x86_64-unknown-linux-gnu': ['linux-x64-gnu', 'linux', 'x64', 'glibc'],
    'aarch64-unknown-linux-gnu': ['linux-arm64-gnu', 'linux', 'arm64', 'glibc'],
    'x86_64-unknown-linux-musl': ['linux-x64-musl', 'linux', 'x64', 'musl'],
    'aarch64-unknown-linux-musl': ['linux-arm64-musl', 'linux', 'arm64', 'musl'],
    'x86_64-apple-darwin': ['darwin-x64', 'darwin', 'x64'],
    'aarch64-apple-darwin': ['darwin-arm64', 'darwin', 'arm64'],
    'universal-apple-darwin': ['darwin-universal', 'darwin'],
    'x86_64-pc-windows-msvc': ['win32-x64-msvc', 'win32', 'x64'],
    'aarch64-pc-windows-msvc': ['win32-arm64-msvc', 'win32', 'arm64'],
  }
  assert.deepEqual([...pkg.napi.targets].sort(), Object.keys(triples).sort())
  assert.deepEqual(
    readdirSync(join(nativeDir, 'npm')).sort(),
    Object.values(triples)
      .map(([dir]) => dir)
      .sort(),
  )
  for (const [dir, os, cpu, libc] of Object.values(triples)) {
    const sub = readJson(join(nativeDir, 'npm', dir, 'package.json'))
    const binary = `${pkg.napi.binaryName}.${dir}.node`
    assert.equal(sub.name, `@edgequake/llm-${dir}`)
    assert.equal(sub.version, pkg.version, `${dir}: run \`napi version\` after bumping native/package.json`)
    assert.equal(sub.main, binary)
    assert.deepEqual(sub.files, [binary])
    assert.deepEqual(sub.os, [os])
    assert.deepEqual(sub.cpu, cpu ? [cpu] : undefined)
    assert.deepEqual(sub.libc, libc ? [libc] : undefined)
  }
})
