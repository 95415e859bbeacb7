#!/usr/bin/env node
// Runs every check CI runs, in order, and prints one summary line per step:
// formatting and lint (biome, rustfmt, clippy), typecheck (both TS projects), and
// every test suite (Rust, engine binding, main core, renderer, end-to-end, real servers).
// `--only <name>` runs one step. Exits non-zero when any step failed.

import { spawnSync } from 'node:child_process'

const STEPS = [
  ['lint:js', 'npx', ['biome', 'check', '.']],
  ['lint:rust-fmt', 'cargo', ['fmt', '--manifest-path', 'native/Cargo.toml', '--all', '--check']],
  [
    'lint:clippy',
    'cargo',
    ['clippy', '--manifest-path', 'native/Cargo.toml', '--workspace', '--all-targets', '--', '-D', 'warnings'],
  ],
  ['lint:workflows', 'bash', ['scripts/lint-workflows.sh']],
  ['typecheck:node', 'npx', ['tsc', '-p', 'tsconfig.node.json']],
  ['typecheck:web', 'npx', ['tsc', '-p', 'tsconfig.web.json']],
  ['test:rust', 'cargo', ['test', '--manifest-path', 'native/Cargo.toml', '--workspace']],
  ['test:fake-provider', 'node', ['--test', 'test/fake-provider/']],
  ['test:engine', 'node', ['--test', '--test-concurrency=1', 'test/engine/']],
  ['test:hostile', 'node', ['--test', '--test-concurrency=1', 'test/hostile/']],
  ['test:fuzz', 'node', ['scripts/fuzz-smoke.mjs']],
  ['test:ship', 'node', ['--test', 'test/ship/']],
  ['test:unit', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['test:e2e', 'npx', ['vitest', 'run', '--project', 'e2e']],
  ['test:real', 'node', ['test/real/run.mjs']],
]

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
const steps = only ? STEPS.filter(([name]) => name === only) : STEPS
if (steps.length === 0) {
  console.error(`unknown step '${only}': one of ${STEPS.map(([n]) => n).join(', ')}`)
  process.exit(2)
}

const results = []
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const { status } = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 })
}

console.log('\n=== summary')
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`)
const failed = results.filter((r) => !r.ok).length
console.log(`checks: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
