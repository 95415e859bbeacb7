#!/usr/bin/env node
// Runs every cargo-fuzz target of native/fuzz for a bounded time (FUZZ_SECONDS
// each, default 8) from the committed seeds, and prints the executions per target.
// A crash fails the run and leaves its input under the printed artifacts folder:
// minimize it (`cargo +nightly fuzz tmin <target> <file>`) and add it as a
// regression test. A long run: `FUZZ_SECONDS=3600 node scripts/fuzz-smoke.mjs`.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const native = new URL('../native', import.meta.url).pathname
const seconds = Number(process.env.FUZZ_SECONDS ?? 8)
const targets = readdirSync(join(native, 'fuzz/fuzz_targets')).map((f) => f.replace(/\.rs$/, ''))
const cargoFuzz = (args, opts = {}) =>
  spawnSync('cargo', ['+nightly', 'fuzz', ...args], { cwd: native, encoding: 'utf8', ...opts })

const version = cargoFuzz(['--version'])
if (version.status !== 0) {
  console.error('cargo-fuzz is missing: `node scripts/setup.mjs --for-tests` installs it (cargo install cargo-fuzz)')
  process.exit(1)
}

console.log(`[fuzz] building ${targets.length} targets (nightly, sanitizer coverage)`)
const build = cargoFuzz(['build', '-O'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const scratch = mkdtempSync(join(tmpdir(), 'eq-fuzz-'))
let failed = 0
for (const target of targets) {
  const corpus = join(scratch, target)
  const artifacts = join(scratch, `${target}-artifacts`)
  for (const dir of [corpus, artifacts]) spawnSync('mkdir', ['-p', dir])
  const run = cargoFuzz([
    'run',
    '-O',
    target,
    corpus,
    join('fuzz/seeds', target),
    '--',
    `-max_total_time=${seconds}`,
    `-artifact_prefix=${artifacts}/`,
    '-print_final_stats=1',
    '-rss_limit_mb=2048',
  ])
  const output = `${run.stdout}${run.stderr}`
  const executions = output.match(/stat::number_of_executed_units:\s*(\d+)/)?.[1] ?? '?'
  const ok = run.status === 0
  if (!ok) {
    failed += 1
    console.error(output.split('\n').slice(-40).join('\n'))
    console.error(`[fuzz] ${target}: CRASH — input kept in ${artifacts}`)
  }
  console.log(`[fuzz] ${ok ? 'ok  ' : 'FAIL'} ${target}: ${executions} executions in ${seconds} s`)
}
if (failed === 0) rmSync(scratch, { recursive: true, force: true })
process.exit(failed === 0 ? 0 : 1)
