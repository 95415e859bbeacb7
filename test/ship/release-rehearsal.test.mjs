// The release, rehearsed here with the very scripts release.yml runs (scripts/release/*.mjs
// and scripts/stage-app.mjs), in a temporary copy, against an npm registry on 127.0.0.1:
//   version gate -> napi artifacts -> napi pre-publish -> npm publish --dry-run of all ten
//   packages in order -> the staged-app verifier -> update-feed merge -> SHA256SUMS.txt
// The host's engine binary is the real one (built by setup); the other eight targets and
// every installer are labelled stand-ins (release-fixtures.mjs). What this cannot prove
// (the other binaries build and load, installers build and sign, npm accepts the upload)
// only the runners can: `workflow_dispatch` with dry_run on release.yml runs these same
// steps there (docs/INSTALL.md, "Rehearsing a release").

import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { parseTriple } from '@napi-rs/cli'
import { assembleRelease, CHECKSUMS } from '../../scripts/release/assemble-release.mjs'
import { checkVersion } from '../../scripts/release/check-version.mjs'
import { publishOrder } from '../../scripts/release/npm-packages.mjs'
import { publishNpmPackages } from '../../scripts/release/publish-npm.mjs'
import { releaseNotes } from '../../scripts/release/release-notes.mjs'
import { ROOT } from '../../scripts/release/run.mjs'
import { ensureBuilt, linuxBinary, stageApp } from '../../scripts/stage-app.mjs'
import { apiFiles } from './native-api-files.mjs'
import {
  builderYaml,
  copyPublishableNative,
  fabricateBindings,
  fabricateInstallers,
  runnerOutputs,
  STAND_IN,
  startFakeRegistry,
} from './release-fixtures.mjs'

const skip = (process.platform !== 'linux' || process.arch !== 'x64') && 'rehearses with the linux-x64-gnu host binary'
const nativePkg = JSON.parse(readFileSync(join(ROOT, 'native/package.json'), 'utf8'))
const { version } = nativePkg
const platformOf = (triple) => parseTriple(triple).platformArchABI
const HOST = 'linux-x64-gnu'
const TOKEN = 'npm_rehearsalTokenThatMustNeverBePrinted'
const REPO = 'git+https://github.com/edgequake/edgequake-playground.git'

/** Runs a release script as the workflow does; returns its output, failing with it. */
function step(script, args, env = {}) {
  const run = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  assert.equal(run.status, 0, `${script} failed:\n${run.stdout}${run.stderr}`)
  return run
}

describe('release rehearsal', { skip }, () => {
  let work
  let nativeDir
  let registry
  let order
  let published
  let report

  before(async () => {
    ensureBuilt()
    work = mkdtempSync(join(tmpdir(), 'eq-rehearsal-'))
    nativeDir = copyPublishableNative(join(ROOT, 'native'), join(work, 'native'))
    fabricateBindings(join(work, 'artifacts'), {
      targets: nativePkg.napi.targets,
      binaryName: nativePkg.napi.binaryName,
      platformOf,
      host: { platform: HOST, binary: join(ROOT, 'native', linuxBinary('x64')) },
    })
    registry = await startFakeRegistry()
    // The npm job's two steps, as release.yml runs them. The first release: no name
    // exists yet, so a one-time token (the release environment's NPM_TOKEN) creates them.
    step('scripts/release/npm-packages.mjs', [
      '--artifacts',
      join(work, 'artifacts'),
      '--native',
      nativeDir,
      '--repository',
      REPO,
    ])
    order = publishOrder(nativeDir)
    published = step(
      'scripts/release/publish-npm.mjs',
      ['--dry-run', '--json', '--native', nativeDir, '--registry', registry.url],
      { NODE_AUTH_TOKEN: TOKEN },
    )
    report = JSON.parse(published.stdout)
  })

  after(async () => {
    await registry?.close()
    if (work) rmSync(work, { recursive: true, force: true })
  })

  test('the version gate: a dry run from a branch passes; publishing needs the tag', () => {
    assert.deepEqual(checkVersion({ refType: 'branch', refName: 'main', publish: false }), {
      version,
      prerelease: version.includes('-'),
    })
    assert.throws(() => checkVersion({ refType: 'branch', refName: 'main', publish: true }), /publishes from a v/)
    assert.throws(() => checkVersion({ refType: 'tag', refName: 'v9.9.9', publish: true }), /does not match/)
  })

  test('napi artifacts + pre-publish: nine platform packages with binary and licence, then @edgequake/llm', () => {
    const platforms = nativePkg.napi.targets.map(platformOf).sort()
    assert.deepEqual(order, [...platforms.map((p) => `npm/${p}`), '.'])
    assert.deepEqual(order, publishOrder(nativeDir))
    const root = JSON.parse(readFileSync(join(nativeDir, 'package.json'), 'utf8'))
    assert.deepEqual(
      root.optionalDependencies,
      Object.fromEntries(platforms.map((p) => [`@edgequake/llm-${p}`, version]).sort()),
    )
    for (const p of platforms) {
      const dir = join(nativeDir, 'npm', p)
      assert.equal(readFileSync(join(dir, 'LICENSE'), 'utf8'), readFileSync(join(ROOT, 'native/LICENSE'), 'utf8'))
      const binary = readFileSync(join(dir, `edgequake-llm.${p}.node`))
      assert.equal(binary.includes(STAND_IN), p !== HOST, `${p}: the host binary is real, the others stand-ins`)
    }
  })

  test('npm publish --dry-run: all ten, in order, with their versions, tags and files', async () => {
    const tag = version.includes('-') ? 'next' : 'latest'
    const expected = order.map((dir) => {
      if (dir === '.') return { name: '@edgequake/llm', files: rootFiles() }
      const p = dir.slice('npm/'.length)
      return {
        name: `@edgequake/llm-${p}`,
        files: ['LICENSE', 'README.md', `edgequake-llm.${p}.node`, 'package.json'],
      }
    })
    assert.deepEqual(
      report,
      expected.map(({ name, files }) => ({ name, version, tag, action: 'publish', files })),
    )
    const requests = await registry.requests()
    assert.ok(requests.length > 0)
    assert.deepEqual(
      requests.filter((r) => r.method !== 'GET'),
      [],
      'a dry run uploads nothing',
    )
  })

  test('the tarballs, installed, load the real host binary from its platform package', () => {
    const consumer = join(work, 'consumer')
    const install = (dir, name) => {
      const packed = JSON.parse(
        execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
          cwd: join(nativeDir, dir),
          encoding: 'utf8',
        }),
      )[0].filename
      const target = join(consumer, 'node_modules', name)
      mkdirSync(target, { recursive: true })
      execFileSync('tar', ['-xzf', join(work, packed), '-C', target, '--strip-components=1'])
    }
    install('.', '@edgequake/llm')
    install(`npm/${HOST}`, `@edgequake/llm-${HOST}`)
    const script =
      "const llm = require('@edgequake/llm');" +
      "const loaded = Object.keys(require.cache).filter((k) => k.endsWith('.node'));" +
      'process.stdout.write(JSON.stringify({ completion: typeof llm.completion, loaded }))'
    const run = spawnSync(process.execPath, ['-e', script], { cwd: consumer, encoding: 'utf8' })
    assert.equal(run.status, 0, run.stderr)
    const { completion, loaded } = JSON.parse(run.stdout)
    assert.equal(completion, 'function')
    assert.deepEqual(loaded, [join(consumer, 'node_modules', `@edgequake/llm-${HOST}`, `edgequake-llm.${HOST}.node`)])
  })

  test('the one-time token reaches the registry, and nothing else: not the output, not the packages', async () => {
    const sent = new Set((await registry.requests()).map((r) => r.authorization))
    assert.deepEqual([...sent], [`Bearer ${TOKEN}`])
    assert.ok(!`${published.stdout}${published.stderr}`.includes(TOKEN), 'the token was printed')
    const packaged = readdirSync(nativeDir, { recursive: true }).filter((f) => /npmrc/.test(String(f)))
    assert.deepEqual(packaged, [])
    for (const dir of order) {
      const pkg = JSON.parse(readFileSync(join(nativeDir, dir, 'package.json'), 'utf8'))
      assert.deepEqual(pkg.repository, { type: 'git', url: REPO }, `${pkg.name}: provenance checks repository.url`)
    }
  })

  test('trusted publishing stops before publishing anything while the names do not exist', async () => {
    const seen = (await registry.requests()).length
    assert.throws(
      () => publishNpmPackages({ nativeDir, dryRun: false, registry: registry.url, token: '' }),
      /Trusted publishing cannot create a package/,
    )
    const requests = (await registry.requests()).slice(seen)
    assert.equal(requests.length, 10, 'one look-up per package, then nothing')
    assert.ok(requests.every((r) => r.method === 'GET' && r.authorization === undefined))
  })

  test('a re-run skips what is already on the registry', async () => {
    const partial = await startFakeRegistry({ '@edgequake/llm-darwin-x64': [version] })
    try {
      const rerun = publishNpmPackages({ nativeDir, dryRun: true, registry: partial.url })
      const skipped = rerun.filter((p) => p.action === 'skip').map((p) => p.name)
      assert.deepEqual(skipped, ['@edgequake/llm-darwin-x64'])
      assert.equal(rerun.length, 10)
    } finally {
      await partial.close()
    }
  })

  test("the staged-app verifier passes this arch's app and fails it for another", async () => {
    const { out } = await stageApp({ arch: 'x64', out: join(work, 'stage') })
    const verify = (expect) =>
      spawnSync(
        process.execPath,
        ['scripts/stage-app.mjs', '--verify-release', join(out, 'release'), '--expect', expect],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      )
    const ok = verify(HOST)
    assert.equal(ok.status, 0, `${ok.stdout}${ok.stderr}`)
    const wrong = verify('linux-arm64-gnu')
    assert.equal(wrong.status, 1)
    assert.match(wrong.stdout, /edgequake-llm\.linux-arm64-gnu\.node is not unpacked/)
  })

  test('update feeds merged across runners, every asset checksummed, notes from CHANGELOG', () => {
    const installers = join(work, 'installers')
    const assetsDir = join(work, 'assets')
    fabricateInstallers(installers, version)
    const { assets, feeds } = assembleRelease({ installersDir: installers, outDir: assetsDir })
    const outputs = Object.values(runnerOutputs(version))
    const feedNames = ['latest-linux-arm64.yml', 'latest-linux.yml', 'latest-mac.yml', 'latest.yml']
    assert.deepEqual(assets, [...outputs.flatMap((o) => o.files), ...feedNames, CHECKSUMS].sort())
    assert.deepEqual(Object.keys(feeds), feedNames)
    assert.deepEqual(feeds['latest-mac.yml'].sort(), ['arm64', 'universal', 'x64'].map(macZip).sort())
    assert.equal(feeds['latest.yml'].length, 2)
    const merged = builderYaml().load(readFileSync(join(assetsDir, 'latest-mac.yml'), 'utf8'))
    assert.equal(merged.version, version)
    const sums = execFileSync('sha256sum', ['-c', CHECKSUMS], { cwd: assetsDir, encoding: 'utf8' })
    assert.equal(sums.trim().split('\n').length, assets.length - 1)
    assert.match(sums, /: OK$/m)

    const changelog = `# Changelog\n\n## [${version}] - 2026-11-26\n\n### Added\n\n- everything\n\n## [0.0.1]\n\nold\n`
    assert.equal(releaseNotes(changelog, version), '### Added\n\n- everything\n')
    assert.throws(() => releaseNotes(changelog, '9.9.9'), /no '## \[9\.9\.9\]' section/)
  })

  test('an installer missing from a runner stops the release assembly', () => {
    const installers = join(work, 'installers-broken')
    fabricateInstallers(installers, version)
    rmSync(join(installers, 'installers-win-arm64', `EdgeQuake-Playground-${version}-win-arm64-setup.exe`))
    assert.throws(
      () => assembleRelease({ installersDir: installers, outDir: join(work, 'assets-broken') }),
      /latest\.yml points at EdgeQuake-Playground-.*-win-arm64-setup\.exe, which no runner uploaded/,
    )
  })

  const macZip = (arch) => `EdgeQuake-Playground-${version}-mac-${arch}.zip`
})

/** @edgequake/llm's tarball, as native/package.json `files` defines it (test/ship/native-pack.test.mjs checks that list). */
function rootFiles() {
  return ['LICENSE', 'README.md', 'index.d.ts', 'index.js', ...apiFiles(join(ROOT, 'native')), 'package.json'].sort()
}
