// package-lock.json must record every platform's optional binary package, not only
// this machine's: `npm ci` installs exactly what the lockfile lists, so a lockfile
// written from one platform's node_modules (npm/cli#4828) leaves the other runners
// without their bindings. The release's linux-arm64 build died that way: @napi-rs/tar
// and @napi-rs/lzma (the --use-napi-cross toolchain's downloader) had only their
// linux-x64-gnu binding recorded. Regenerate with docs/INSTALL.md's recipe when this fails.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'))
const packages = lock.packages

/** Where Node's resolution (and npm's hoisting) would find `dep` required from `path`. */
function resolvedEntry(path, dep) {
  let base = path
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`
    if (packages[candidate]) return candidate
    if (!base) return undefined
    const i = base.lastIndexOf('/node_modules/')
    base = i < 0 ? '' : base.slice(0, i)
  }
}

test('every optional dependency of every locked package is itself locked', () => {
  const missing = []
  for (const [path, entry] of Object.entries(packages)) {
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolvedEntry(path, dep)) missing.push(`${path || '(root)'} -> ${dep}`)
    }
  }
  assert.deepEqual(missing, [], 'regenerate package-lock.json (docs/INSTALL.md, "The lockfile")')
})

test("the napi-rs cross toolchain's bindings are there for both Linux build hosts", () => {
  for (const name of ['@napi-rs/tar', '@napi-rs/lzma']) {
    for (const platform of ['linux-x64-gnu', 'linux-arm64-gnu']) {
      assert.ok(packages[`node_modules/${name}-${platform}`], `${name}-${platform} is not in package-lock.json`)
    }
  }
})
