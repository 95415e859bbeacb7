#!/usr/bin/env node
// Runs every check CI runs, in order, and prints one summary line per step:
// formatting and lint (biome, rustfmt, clippy, actionlint), typecheck (both TS projects),
// and every test suite (Rust, engine binding, Python package, shipping, main core, renderer,
// end-to-end, real servers).
// `--only <name>` runs one step. Exits non-zero when any step failed.
// The steps, and how each starts without a shell on every OS: scripts/check-steps.mjs.

import { spawnSync } from 'node:child_process'
import { resolveCommand, STEPS } from './check-steps.mjs'

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
const steps = only ? STEPS.filter((step) => step.name === only) : STEPS
if (steps.length === 0) {
  console.error(`unknown step '${only}': one of ${STEPS.map((step) => step.name).join(', ')}`)
  process.exit(2)
}

const results = []
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.tool ?? step.command} ${step.args.join(' ')}`)
  const started = Date.now()
  let ok = false
  try {
    const { command, args } = resolveCommand(step)
    const { status, error } = spawnSync(command, args, { stdio: 'inherit', env: process.env })
    if (error) console.error(`${step.name}: could not start ${command}: ${error.message}`)
    ok = status === 0
  } catch (err) {
    console.error(`${step.name}: ${err.message}`)
  }
  results.push({ name: step.name, ok, seconds: (Date.now() - started) / 1000 })
}

console.log('\n=== summary')
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`)
const failed = results.filter((r) => !r.ok).length
console.log(`checks: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
