// electron-builder.yml: valid against electron-builder's own schema (app-builder-lib's
// scheme.json, loaded and checked the way electron-builder does before every build),
// and saying what the release needs: targets per OS and arch, the asar with its
// unpacked .node, signing and notarization, auto-update, icons, and an engine-binary
// filter that admits exactly one binary per OS/arch.

import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(join(root, 'package.json'))
// electron-builder's own copies of its config loader, schema validator, macro expander and glob matcher.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'))
const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config')
// electron-builder logs to stdout, which node --test reserves for its own messages.
builderRequire('builder-util').setPrinter((message) => process.stderr.write(`${message}\n`))
const { expandMacro } = builderRequire('./out/util/macroExpander')
const { minimatch } = builderRequire('minimatch')
const Ajv = builderRequire('ajv').default
const yaml = builderRequire('js-yaml')
const schema = builderRequire('./scheme.json')

const quietLogger = { isEnabled: false, add() {} }
/** Every engine binary napi-rs could produce for our targets. */
const BINARIES = [
  'linux-x64-gnu',
  'linux-arm64-gnu',
  'linux-x64-musl',
  'linux-arm64-musl',
  'darwin-x64',
  'darwin-arm64',
  'darwin-universal',
  'win32-x64-msvc',
  'win32-arm64-msvc',
].map((suffix) => `edgequake-llm.${suffix}.node`)

let config
before(async () => {
  config = await getConfig(root, null, null)
})

describe('schema', () => {
  test('electron-builder accepts the configuration as it loads it', async () => {
    await validateConfiguration(config, quietLogger)
  })

  test('the YAML file itself validates against scheme.json', () => {
    const raw = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    assert.ok(validate(raw), JSON.stringify(validate.errors, null, 2))
  })

  test('a misspelt option is rejected (the check has teeth)', async () => {
    const broken = structuredClone(config)
    broken.mac.notarise = true
    await assert.rejects(validateConfiguration(broken, quietLogger), /configuration\.mac/)
  })
})

describe('app', () => {
  test('identity, directories and entry point', () => {
    assert.equal(config.appId, 'dev.edgequake.playground')
    assert.equal(config.productName, 'EdgeQuake Playground')
    assert.deepEqual(config.directories, { output: 'release', buildResources: 'assets' })
    assert.equal(config.extraMetadata.main, 'dist/main/electron-main.cjs')
  })

  test('asar, with native binaries unpacked', () => {
    assert.equal(config.asar, true)
    assert.deepEqual(config.asarUnpack, ['**/*.node'])
  })

  test('files: the two main-process bundles, the renderer, package.json; never web.cjs', () => {
    // electron-builder's loader turns the plain patterns into one { filter } set.
    const globs = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.from ? [] : f.filter))
    for (const f of ['package.json', 'dist/main/electron-main.cjs', 'dist/main/preload.cjs', 'dist/renderer/**/*']) {
      assert.ok(globs.includes(f), `files lacks ${f}`)
    }
    const includes = globs.filter((g) => !g.startsWith('!'))
    assert.ok(!includes.some((g) => minimatch('dist/main/web.cjs', g)), 'the browser-mode server would ship')
  })

  test('icons and entitlements exist where the config points', () => {
    for (const p of [config.mac.icon, config.win.icon, config.mac.entitlements, config.mac.entitlementsInherit]) {
      assert.ok(existsSync(join(root, p)), `${p} missing`)
    }
    assert.ok(existsSync(join(root, config.linux.icon, '512x512.png')))
  })

  test('entitlements: JIT and unsigned executable memory for V8, outgoing network', () => {
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8')
    for (const key of [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.network.client',
    ]) {
      assert.match(plist, new RegExp(`<key>${key.replaceAll('.', '\\.')}</key>\\s*<true/>`))
    }
  })

  test('auto-update feed: GitHub releases', () => {
    assert.equal(config.publish.provider, 'github')
  })
})

describe('targets', () => {
  const targets = (platform) => Object.fromEntries(config[platform].target.map((t) => [t.target, t.arch]))

  test('macOS: dmg and zip for x64, arm64 and universal; hardened, notarized', () => {
    assert.deepEqual(targets('mac'), { dmg: ['x64', 'arm64', 'universal'], zip: ['x64', 'arm64', 'universal'] })
    assert.equal(config.mac.hardenedRuntime, true)
    assert.equal(config.mac.notarize, true)
    assert.equal(config.mac.mergeASARs, true)
    const packed =
      'Contents/Resources/app.asar.unpacked/node_modules/@edgequake/llm/edgequake-llm.darwin-universal.node'
    assert.ok(
      minimatch(packed, config.mac.x64ArchFiles, { matchBase: true }),
      'x64ArchFiles misses the universal binary',
    )
  })

  test('Windows: NSIS for x64 and arm64', () => {
    assert.deepEqual(targets('win'), { nsis: ['x64', 'arm64'] })
  })

  test('Linux: AppImage, deb and rpm for x64 and arm64, in Development', () => {
    assert.deepEqual(targets('linux'), { AppImage: ['x64', 'arm64'], deb: ['x64', 'arm64'], rpm: ['x64', 'arm64'] })
    assert.equal(config.linux.category, 'Development')
  })

  test('artifact names carry the arch, so runners never overwrite each other', () => {
    for (const pattern of [
      config.artifactName,
      config.nsis.artifactName,
      config.deb.artifactName,
      config.rpm.artifactName,
    ]) {
      assert.match(pattern, /\$\{arch\}/)
    }
  })
})

describe('engine binary per OS and arch', () => {
  /** The binaries electron-builder would copy for `os`/`arch`, as its FileMatcher expands the patterns. */
  function packedBinaries(os, arch) {
    const engine = [...config.files, ...(config[os].files ?? [])].filter((f) => f.from === 'native')
    assert.ok(engine.length > 0, 'no files mapping from native/')
    return BINARIES.filter((name) =>
      engine.some((set) => set.filter.some((p) => minimatch(name, expandMacro(p, arch, {}, { os })))),
    ).map((name) => name.replace(/^edgequake-llm\.|\.node$/g, ''))
  }

  const expected = [
    ['mac', 'x64', ['darwin-x64', 'darwin-universal']],
    ['mac', 'arm64', ['darwin-arm64', 'darwin-universal']],
    ['win', 'x64', ['win32-x64-msvc']],
    ['win', 'arm64', ['win32-arm64-msvc']],
    ['linux', 'x64', ['linux-x64-gnu']],
    ['linux', 'arm64', ['linux-arm64-gnu']],
  ]
  for (const [os, arch, binaries] of expected) {
    test(`${os} ${arch} takes ${binaries.join(' or ')} only`, () => {
      assert.deepEqual(packedBinaries(os, arch), binaries)
    })
  }

  test('the engine mapping lands where require("@edgequake/llm") looks', () => {
    for (const set of [...config.files, ...config.mac.files, ...config.win.files, ...config.linux.files]) {
      if (set.from) assert.equal(set.to, 'node_modules/@edgequake/llm')
    }
  })
})
