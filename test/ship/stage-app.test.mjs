// Packs the app with electron-builder and electron-builder.yml (Linux `dir` target,
// a stand-in Electron binary) and checks what the installers would ship: what goes
// into app.asar, what stays unpacked (the engine's .node), that no other arch's
// binary comes along, and that the packed engine actually loads.
//
// Runs against the real build outputs (dist/main, dist/renderer, native/*.node),
// building whatever is missing first. Linux only: it stages the Linux app, and only
// a Linux host has the Linux engine binary; the release runners check their own
// OS's packed apps with `scripts/stage-app.mjs --verify-release`.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fuseProblems, REQUIRED_FUSES, readFuses } from '../../scripts/electron-fuses.mjs'
import { engineProblems, ensureBuilt, inspectResources, linuxBinary, ROOT, stageApp } from '../../scripts/stage-app.mjs'

const require = createRequire(join(ROOT, 'package.json'))
const skip = process.platform !== 'linux' && 'stages the Linux app; needs the Linux engine binary'
const ENGINE = 'node_modules/@edgequake/llm'
const OTHER_ARCH = process.arch === 'arm64' ? 'x64' : 'arm64'

describe('the staged app', { skip }, () => {
  let host
  let other
  const dirs = []

  before(async () => {
    ensureBuilt()
    const stage = async (arch) => {
      const out = mkdtempSync(join(tmpdir(), `eq-stage-${arch}-`))
      dirs.push(out)
      const { resourcesDir, executable } = await stageApp({ arch, out })
      return { resourcesDir, executable, ...inspectResources(resourcesDir) }
    }
    host = await stage(process.arch)
    other = await stage(OTHER_ARCH)
  })

  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  test('app.asar holds the main process, the preload, the renderer and package.json', () => {
    for (const f of [
      'dist/main/electron-main.cjs',
      'dist/main/preload.cjs',
      'dist/renderer/index.html',
      'package.json',
    ]) {
      assert.ok(host.packed.includes(f), `${f} is not in app.asar`)
    }
    const rendererBuilt = readdirSync(join(ROOT, 'dist/renderer'), { recursive: true })
      .map((f) => `dist/renderer/${String(f).replaceAll('\\', '/')}`)
      .filter((f) => !f.endsWith('.map'))
    for (const f of rendererBuilt) assert.ok(host.packed.includes(f), `renderer output ${f} is not in app.asar`)
  })

  test("package.json's main is the Electron entry", () => {
    const asar = require('@electron/asar')
    const pkg = JSON.parse(asar.extractFile(join(host.resourcesDir, 'app.asar'), 'package.json').toString('utf8'))
    assert.equal(pkg.main, 'dist/main/electron-main.cjs')
  })

  test('app.asar holds the engine loader and its whole JS API, and the SQLite wasm', () => {
    const api = readdirSync(join(ROOT, 'native/js')).filter((f) => /\.(cjs|mjs)$/.test(f))
    for (const f of ['package.json', 'index.js', ...api.map((f) => `js/${f}`)]) {
      assert.ok(host.packed.includes(`${ENGINE}/${f}`), `${ENGINE}/${f} is not in app.asar`)
    }
    assert.ok(host.packed.includes('node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm'))
    assert.ok(host.packed.includes('node_modules/electron-updater/package.json'))
  })

  test('nothing that is not the app: no browser-mode server, sources, maps, Rust, tests or assets', () => {
    const appFiles = host.packed.filter((p) => !p.startsWith('node_modules'))
    const allowedApp = (p) =>
      ['package.json', 'dist', 'dist/main', 'dist/main/electron-main.cjs', 'dist/main/preload.cjs'].includes(p) ||
      p === 'dist/renderer' ||
      p.startsWith('dist/renderer/')
    assert.deepEqual(
      appFiles.filter((p) => !allowedApp(p)),
      [],
    )
    const engineDirsAndFiles = new Set([ENGINE, `${ENGINE}/js`, `${ENGINE}/package.json`, `${ENGINE}/index.js`])
    const allowedEngine = (p) =>
      engineDirsAndFiles.has(p) || /^node_modules\/@edgequake\/llm\/js\/[^/]+\.(cjs|mjs)$/.test(p)
    assert.deepEqual(
      host.packed.filter((p) => p.startsWith(ENGINE) && !allowedEngine(p)),
      [],
    )
    assert.deepEqual(
      host.packed.filter((p) => p.endsWith('.map')),
      [],
    )
  })

  test("the engine's .node stays unpacked, and only this arch's", () => {
    assert.deepEqual(host.unpacked, [`${ENGINE}/${linuxBinary(process.arch)}`])
    assert.deepEqual(host.unpackedOnDisk, [`${ENGINE}/${linuxBinary(process.arch)}`])
    assert.deepEqual(engineProblems(host, linuxBinary(process.arch)), [])
  })

  test(`packing for ${OTHER_ARCH} never takes this machine's ${process.arch} binary`, () => {
    const nodeFiles = [...other.packed, ...other.unpacked, ...other.unpackedOnDisk].filter((p) => p.endsWith('.node'))
    assert.ok(!nodeFiles.includes(`${ENGINE}/${linuxBinary(process.arch)}`), `${OTHER_ARCH} build took ${nodeFiles}`)
    assert.ok(
      nodeFiles.every((p) => p === `${ENGINE}/${linuxBinary(OTHER_ARCH)}`),
      `unexpected: ${nodeFiles}`,
    )
  })

  test('the packed engine loads from the packed files alone', () => {
    const asar = require('@electron/asar')
    const dir = mkdtempSync(join(tmpdir(), 'eq-extract-'))
    dirs.push(dir)
    asar.extractAll(join(host.resourcesDir, 'app.asar'), dir)
    const script =
      "const llm = require('@edgequake/llm'); const { Database } = require('node-sqlite3-wasm');" +
      "const db = new Database(); const row = db.get('select 6 * 7 as n'); db.close();" +
      'process.stdout.write(JSON.stringify({ completion: typeof llm.completion, n: row.n }))'
    const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' })
    assert.equal(run.status, 0, run.stderr)
    assert.deepEqual(JSON.parse(run.stdout), { completion: 'function', n: 42 })
  })

  test("electron-builder flipped electron-builder.yml's fuses in the staged executable", async () => {
    // The stand-in carries Electron's default wire (runAsNode, NODE_OPTIONS, --inspect and
    // file:// privileges on; asar integrity and asar-only off): every required fuse changed.
    const fuses = await readFuses(host.executable)
    assert.deepEqual(fuseProblems(fuses), [])
    assert.deepEqual(Object.fromEntries(Object.keys(REQUIRED_FUSES).map((name) => [name, fuses[name]])), REQUIRED_FUSES)
    assert.equal(fuses.enableCookieEncryption, false, 'a fuse we do not set keeps its default')
  })

  test('app-update.yml points electron-updater at GitHub releases', () => {
    const yml = readFileSync(join(host.resourcesDir, 'app-update.yml'), 'utf8')
    assert.match(yml, /^provider: github$/m)
  })
})
