// Properties of the CI and release workflows that actionlint cannot see: every third-party
// action pinned to a commit, the release's order and guards, and that release.yml runs
// the very scripts test/ship/release-rehearsal.test.mjs rehearses.

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { test } from 'node:test'
import { ROOT } from '../../scripts/release/run.mjs'
import { builderYaml, runnerOutputs } from './release-fixtures.mjs'

const dir = join(ROOT, '.github/workflows')
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'))
const text = Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
const yaml = builderYaml()
const workflow = Object.fromEntries(files.map((f) => [f, yaml.load(text[f])]))
const release = workflow['release.yml']
const native = workflow['native.yml']
const semver = createRequire(join(ROOT, 'package.json'))('semver')

const uses = files.flatMap((f) =>
  [...text[f].matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map(([, ref, rest]) => ({ file: f, ref, rest })),
)
/** A GitHub expression as it appears in the YAML. */
const gha = (expression) => `\${{ ${expression} }}`
const runs = (job) => (job.steps ?? []).map((s) => s.run ?? '').join('\n')

test('every third-party action is pinned to a full commit SHA, with its version in a comment', () => {
  const loose = uses
    .filter(({ ref }) => !ref.startsWith('./'))
    .filter(({ ref, rest }) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(ref) || !/^\s+# v\d/.test(rest))
  assert.deepEqual(loose, [])
})

test('each action is pinned to the same commit everywhere', () => {
  const pins = new Map()
  for (const { ref } of uses.filter((u) => !u.ref.startsWith('./'))) {
    const [action, sha] = ref.split('@')
    pins.set(action, new Set([...(pins.get(action) ?? []), sha]))
  }
  const drifting = [...pins].filter(([, shas]) => shas.size > 1).map(([action]) => action)
  assert.deepEqual(drifting, [])
})

test('npm publishes only after every installer succeeded, and before the GitHub release', () => {
  assert.ok(release.jobs.npm.needs.includes('installers'))
  assert.ok(release.jobs['github-release'].needs.includes('npm'))
  assert.ok(release.jobs['github-release'].needs.includes('installers'))
})

test('the jobs that publish run in a protected environment chosen by the version gate', () => {
  for (const job of ['npm', 'github-release']) {
    assert.equal(release.jobs[job].environment, gha('needs.version.outputs.environment'), job)
  }
  assert.match(runs(release.jobs.version), /environment=release-rehearsal/)
  assert.match(runs(release.jobs.version), /environment=release\b/)
})

test('workflow_dispatch rehearses by default: dry_run, a boolean, on', () => {
  assert.deepEqual(release.on.workflow_dispatch.inputs.dry_run.type, 'boolean')
  assert.equal(release.on.workflow_dispatch.inputs.dry_run.default, true)
})

test('release.yml runs the scripts the rehearsal runs', () => {
  assert.match(runs(release.jobs.version), /node scripts\/release\/check-version\.mjs/)
  assert.match(runs(release.jobs.npm), /node scripts\/release\/npm-packages\.mjs --artifacts native\/artifacts/)
  assert.match(runs(release.jobs.npm), /node scripts\/release\/publish-npm\.mjs/)
  assert.match(runs(release.jobs['github-release']), /node scripts\/release\/assemble-release\.mjs/)
  assert.match(runs(release.jobs.installers), /node scripts\/stage-app\.mjs --verify-release release --expect/)
})

test('the installer runners are the ones the rehearsal fabricates, each expecting a published platform', () => {
  const matrix = release.jobs.installers.strategy.matrix.include
  assert.deepEqual(matrix.map((m) => m.name).sort(), Object.keys(runnerOutputs('0.0.0')).sort())
  const platforms = readdirSync(join(ROOT, 'native/npm'))
  for (const m of matrix) assert.ok(platforms.includes(m.expect), `${m.name} expects ${m.expect}`)
})

test('no lifecycle scripts and no restored caches in the release and native workflows', () => {
  for (const wf of [release, native]) {
    for (const [name, job] of Object.entries(wf.jobs)) {
      for (const line of runs(job)
        .split('\n')
        .filter((l) => /\bnpm (ci|install)\b/.test(l))) {
        assert.match(line, /--ignore-scripts/, `${name}: ${line}`)
      }
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/setup-node')) assert.equal(step.with?.cache, undefined, name)
        if (step.uses?.startsWith('Swatinem/rust-cache')) assert.equal(step.if, gha('!inputs.release'), name)
        if (step.uses?.startsWith('mlugg/setup-zig')) assert.equal(step.with['use-cache'], gha('!inputs.release'))
      }
    }
  }
  assert.deepEqual(release.jobs.native.with, { release: true })
})

test("native builds run on a Node the napi-rs cross toolchain's bindings support", () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
  const needs = ['@napi-rs/lzma', '@napi-rs/tar'].map((p) => lock.packages[`node_modules/${p}`].engines.node)
  const node = native.jobs.build.steps.find((s) => s.uses?.startsWith('actions/setup-node')).with['node-version']
  for (const range of needs) assert.ok(semver.satisfies(`${node}.99.0`, range), `Node ${node} vs ${range}`)
})

test("package.json's engines admit this machine's Node and every Node the workflows run", () => {
  const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const versions = [
    ...new Set(Object.values(text).flatMap((t) => [...t.matchAll(/node-version: (\d+)/g)].map((m) => m[1]))),
  ]
  assert.ok(semver.satisfies(process.version, engines.node), `${process.version} vs ${engines.node}`)
  for (const v of [...versions, '22']) assert.ok(semver.satisfies(`${v}.99.0`, engines.node), `Node ${v}`)
})
