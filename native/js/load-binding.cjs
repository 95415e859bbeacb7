'use strict'
// Loads the native addon through napi-rs's generated loader (../index.js) and,
// when no binary fits this machine, replaces the loader's terse "Cannot find
// native binding" with an error that names the platform, the arch, the libc,
// the per-platform package that should have been installed, and what to do.
// The loader's own error stays attached as `cause`.

/** Our scope's per-platform packages, as `napi create-npm-dirs` names them (native/npm/<suffix>). */
const PACKAGE_PREFIX = '@edgequake/llm-'

/** The `<platform>-<arch>[-abi]` suffixes we publish (native/package.json `napi.targets`). */
const PUBLISHED = new Set([
  'linux-x64-gnu',
  'linux-arm64-gnu',
  'linux-x64-musl',
  'linux-arm64-musl',
  'darwin-x64',
  'darwin-arm64',
  'darwin-universal',
  'win32-x64-msvc',
  'win32-arm64-msvc',
])

/**
 * The C library on Linux: `glibc <version>`, `musl`, or null elsewhere.
 * Node's diagnostic report carries `glibcVersionRuntime` only when it runs on
 * glibc (https://nodejs.org/api/report.html), which is how napi-rs's own
 * loader tells the two apart too.
 */
function detectLibc(platform = process.platform, report = readReportHeader) {
  if (platform !== 'linux') return null
  const header = report()
  if (header?.glibcVersionRuntime) return `glibc ${header.glibcVersionRuntime}`
  return 'musl'
}

function readReportHeader() {
  try {
    if (typeof process.report?.getReport !== 'function') return null
    process.report.excludeNetwork = true
    return process.report.getReport().header ?? null
  } catch {
    return null
  }
}

/** The package that carries the binary for this host, e.g. `@edgequake/llm-linux-x64-gnu`. */
function expectedPackage({ platform, arch, libc }) {
  let suffix = `${platform}-${arch}`
  if (platform === 'linux') suffix += libc === 'musl' ? '-musl' : '-gnu'
  if (platform === 'win32') suffix += '-msvc'
  return { name: PACKAGE_PREFIX + suffix, published: PUBLISHED.has(suffix) }
}

/** The error thrown when no native binary loads; `cause` is the loader's error. */
function bindingError(cause, host = { platform: process.platform, arch: process.arch, libc: detectLibc() }) {
  const { platform, arch, libc } = host
  const pkg = expectedPackage(host)
  const system = `platform ${platform}, arch ${arch}${libc ? `, libc ${libc}` : ''}`
  const fromSource =
    'build from source: install Rust (https://rustup.rs), then run `npm run build:native` in the EdgeQuake checkout'
  const lines = pkg.published
    ? [
        `@edgequake/llm: no native binary could be loaded for this system (${system}).`,
        `It comes from the optional dependency ${pkg.name}, which npm installs only on matching systems.`,
        'To fix it, either:',
        '  - reinstall with optional dependencies: drop `--no-optional` / `--omit=optional` (and `optional=false` in .npmrc),',
        '    and if the lockfile was written on another OS, delete node_modules and package-lock.json first; or',
        `  - ${fromSource}.`,
      ]
    : [
        `@edgequake/llm: no prebuilt binary is published for this system (${system}).`,
        `The prebuilt packages cover linux x64/arm64 (glibc and musl), macOS x64/arm64 and Windows x64/arm64; ${pkg.name} does not exist.`,
        `To use it here, ${fromSource}.`,
      ]
  if (cause?.message) lines.push(`Loader error: ${cause.message}`)
  const error = new Error(lines.join('\n'), { cause })
  error.name = 'NativeBindingError'
  error.code = 'EDGEQUAKE_NO_BINDING'
  return error
}

/** Requires the generated loader; `load` is injectable for tests. */
function loadBinding(load = () => require('../index.js')) {
  try {
    return load()
  } catch (err) {
    throw bindingError(err)
  }
}

module.exports = { loadBinding, bindingError, expectedPackage, detectLibc }
