// The loader's error when no native binary fits: it names the platform, the
// arch, the libc, the package that should have been installed, and the fixes.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'

const require = createRequire(import.meta.url)
const loaderPath = require.resolve('../../native/js/load-binding.cjs')
const { bindingError, detectLibc, expectedPackage, loadBinding } = require(loaderPath)

describe('expectedPackage', () => {
  const cases = [
    [{ platform: 'linux', arch: 'x64', libc: 'glibc 2.39' }, '@edgequake/llm-linux-x64-gnu'],
    [{ platform: 'linux', arch: 'arm64', libc: 'glibc 2.17' }, '@edgequake/llm-linux-arm64-gnu'],
    [{ platform: 'linux', arch: 'x64', libc: 'musl' }, '@edgequake/llm-linux-x64-musl'],
    [{ platform: 'linux', arch: 'arm64', libc: 'musl' }, '@edgequake/llm-linux-arm64-musl'],
    [{ platform: 'darwin', arch: 'x64', libc: null }, '@edgequake/llm-darwin-x64'],
    [{ platform: 'darwin', arch: 'arm64', libc: null }, '@edgequake/llm-darwin-arm64'],
    [{ platform: 'win32', arch: 'x64', libc: null }, '@edgequake/llm-win32-x64-msvc'],
    [{ platform: 'win32', arch: 'arm64', libc: null }, '@edgequake/llm-win32-arm64-msvc'],
  ]
  for (const [host, name] of cases) {
    test(`${host.platform} ${host.arch} ${host.libc ?? ''} → ${name}`, () => {
      assert.deepEqual(expectedPackage(host), { name, published: true })
    })
  }

  test('every published name has a package directory made by napi create-npm-dirs', () => {
    for (const [, name] of cases) {
      const suffix = name.slice('@edgequake/llm-'.length)
      assert.equal(require(`../../native/npm/${suffix}/package.json`).name, name)
    }
  })

  test('an unpublished combination says so', () => {
    assert.deepEqual(expectedPackage({ platform: 'freebsd', arch: 'x64', libc: null }), {
      name: '@edgequake/llm-freebsd-x64',
      published: false,
    })
  })
})

describe('detectLibc', () => {
  test('glibc from the report header, musl without it, null off Linux', () => {
    assert.equal(
      detectLibc('linux', () => ({ glibcVersionRuntime: '2.36' })),
      'glibc 2.36',
    )
    assert.equal(
      detectLibc('linux', () => ({})),
      'musl',
    )
    assert.equal(
      detectLibc('darwin', () => {
        throw new Error('not called off Linux')
      }),
      null,
    )
  })
})

describe('bindingError', () => {
  const cause = new Error('Cannot find native binding.')

  test('names the system, the package and both fixes', () => {
    const err = bindingError(cause, { platform: 'linux', arch: 'arm64', libc: 'musl' })
    assert.equal(err.name, 'NativeBindingError')
    assert.equal(err.code, 'EDGEQUAKE_NO_BINDING')
    assert.equal(err.cause, cause)
    for (const part of [
      'platform linux',
      'arch arm64',
      'libc musl',
      '@edgequake/llm-linux-arm64-musl',
      '--no-optional',
      '--omit=optional',
      'npm run build:native',
      'Rust',
      'Cannot find native binding.',
    ]) {
      assert.ok(err.message.includes(part), `message lacks ${JSON.stringify(part)}:\n${err.message}`)
    }
  })

  test('an unsupported system gets the build-from-source advice only', () => {
    const err = bindingError(cause, { platform: 'freebsd', arch: 'x64', libc: null })
    assert.match(err.message, /no prebuilt binary is published/)
    assert.match(err.message, /platform freebsd, arch x64\)/)
    assert.match(err.message, /npm run build:native/)
    assert.doesNotMatch(err.message, /--omit=optional/)
  })

  test('loadBinding wraps what the loader throws', () => {
    assert.throws(
      () =>
        loadBinding(() => {
          throw cause
        }),
      (err) => err.name === 'NativeBindingError' && err.cause === cause,
    )
  })
})

describe('in a real process', () => {
  test('a binary that cannot load yields the descriptive error', () => {
    // napi-rs's loader tries only NAPI_RS_NATIVE_LIBRARY_PATH when it is set.
    const script = `try { require(${JSON.stringify(loaderPath)}).loadBinding(); process.exit(3) } catch (e) { process.stdout.write(JSON.stringify({ name: e.name, message: e.message })) }`
    const run = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/edgequake-llm.node' },
      encoding: 'utf8',
    })
    assert.equal(run.status, 0, run.stderr)
    const { name, message } = JSON.parse(run.stdout)
    assert.equal(name, 'NativeBindingError')
    const libc = detectLibc()
    const pkg = expectedPackage({ platform: process.platform, arch: process.arch, libc }).name
    for (const part of [`platform ${process.platform}`, `arch ${process.arch}`, pkg]) {
      assert.ok(message.includes(part), `message lacks ${JSON.stringify(part)}:\n${message}`)
    }
    if (process.platform === 'linux') assert.ok(message.includes(`libc ${libc}`))
  })
})
