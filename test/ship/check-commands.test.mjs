// scripts/check.mjs must start every tool without a shell on every OS. Windows cannot
// spawn `npx` (npx.cmd, a batch file) without one: the Windows CI job failed lint,
// both typechecks and the unit tests with ENOENT. The checks now run each npm tool's
// JavaScript entry with this very Node, and `node` itself as process.execPath.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { resolveCommand, STEPS } from '../../scripts/check-steps.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
// What Windows' CreateProcess can start without a shell: executables, never batch files.
const NEEDS_A_SHELL = /^(npx|npm|yarn|pnpm)$|\.(cmd|bat)$/i

test('no step needs a shell to start', () => {
  for (const step of STEPS) {
    const { command } = resolveCommand(step, { root })
    assert.doesNotMatch(basename(command), NEEDS_A_SHELL, `${step.name} would spawn ${command}`)
  }
})

test('npm tools run as this Node with their own JavaScript entry, from this checkout', () => {
  for (const step of STEPS.filter((s) => s.tool)) {
    const { command, args } = resolveCommand(step, { root })
    assert.equal(command, process.execPath, step.name)
    assert.ok(args[0].startsWith(join(root, 'node_modules')), `${step.name}: ${args[0]}`)
    assert.ok(existsSync(args[0]), `${step.name}: ${args[0]} does not exist`)
    assert.deepEqual(args.slice(1), step.args, step.name)
  }
})

test('every npm tool the steps use answers --version when started that way', () => {
  const seen = new Set()
  for (const step of STEPS.filter((s) => s.tool)) {
    if (seen.has(step.tool)) continue
    seen.add(step.tool)
    const { command, args } = resolveCommand({ ...step, args: ['--version'] }, { root })
    const run = spawnSync(command, args, { cwd: root, encoding: 'utf8', shell: false })
    assert.equal(run.error, undefined, `${step.tool}: ${run.error}`)
    assert.equal(run.status, 0, `${step.tool} --version: ${run.stderr}`)
  }
})

test('an unknown npm tool is a clear error naming the package to install', () => {
  assert.throws(() => resolveCommand({ name: 'x', tool: 'no-such-tool', args: [] }, { root }), /no-such-tool.*npm ci/s)
})

// The Windows failure, reproduced here: with nothing but `node` on PATH (as on Windows,
// where npx exists only as npx.cmd, which spawn cannot start), a check step still runs.
test('check.mjs runs an npm tool with only node on PATH', { skip: process.platform === 'win32' }, () => {
  const bin = mkdtempSync(join(tmpdir(), 'eq-only-node-'))
  try {
    symlinkSync(process.execPath, join(bin, 'node'))
    const run = spawnSync(process.execPath, ['scripts/check.mjs', '--only', 'lint:js'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: bin },
    })
    const output = `${run.stdout}${run.stderr}`
    assert.doesNotMatch(output, /ENOENT/)
    assert.match(output, /Checked \d+ files?/, 'biome did not run')
  } finally {
    rmSync(bin, { recursive: true, force: true })
  }
})
