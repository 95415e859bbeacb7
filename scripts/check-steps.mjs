// The steps scripts/check.mjs runs, and how each one is started without a shell.
//
// Windows cannot spawn npm's shims (npx.cmd, biome.cmd: batch files) without a shell
// (ENOENT, or EINVAL since Node's CVE-2024-27980 fix), and a shell would re-parse the
// arguments. So an npm tool runs as this very Node on the tool's own JavaScript entry
// (its package.json `bin`), `node` runs as process.execPath, and the rest (cargo, bash)
// are real executables that every OS spawns directly.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The npm package that provides each tool the steps use. */
const TOOL_PACKAGES = { biome: '@biomejs/biome', tsc: 'typescript', vitest: 'vitest' }

/**
 * Every check CI runs, in order. `tool` names an npm tool (run from node_modules);
 * otherwise `command` is an executable on PATH, or `node`.
 * @type {{ name: string, tool?: string, command?: string, args: string[] }[]}
 */
export const STEPS = [
  { name: 'lint:js', tool: 'biome', args: ['check', '.'] },
  {
    name: 'lint:rust-fmt',
    command: 'cargo',
    args: ['fmt', '--manifest-path', 'native/Cargo.toml', '--all', '--check'],
  },
  {
    name: 'lint:clippy',
    command: 'cargo',
    args: ['clippy', '--manifest-path', 'native/Cargo.toml', '--workspace', '--all-targets', '--', '-D', 'warnings'],
  },
  { name: 'lint:workflows', command: 'bash', args: ['scripts/lint-workflows.sh'] },
  { name: 'lint:generated-types', command: 'node', args: ['scripts/gen-types.mjs', '--check'] },
  { name: 'typecheck:node', tool: 'tsc', args: ['-p', 'tsconfig.node.json'] },
  { name: 'typecheck:web', tool: 'tsc', args: ['-p', 'tsconfig.web.json'] },
  { name: 'test:rust', command: 'cargo', args: ['test', '--manifest-path', 'native/Cargo.toml', '--workspace'] },
  { name: 'test:fake-provider', command: 'node', args: ['--test', 'test/fake-provider/'] },
  { name: 'test:engine', command: 'node', args: ['--test', '--test-concurrency=1', 'test/engine/'] },
  { name: 'test:hostile', command: 'node', args: ['--test', '--test-concurrency=1', 'test/hostile/'] },
  { name: 'test:python', command: 'node', args: ['scripts/python-check.mjs'] },
  { name: 'test:fuzz', command: 'node', args: ['scripts/fuzz-smoke.mjs'] },
  { name: 'test:ship', command: 'node', args: ['--test', 'test/ship/'] },
  { name: 'test:unit', tool: 'vitest', args: ['run', '--project', 'unit'] },
  { name: 'test:e2e', tool: 'vitest', args: ['run', '--project', 'e2e'] },
  { name: 'test:real', command: 'node', args: ['test/real/run.mjs'] },
]

/**
 * The executable and arguments that start `step` without a shell, the same on every OS.
 * Throws when an npm tool is not installed in `root`'s node_modules.
 */
export function resolveCommand(step, { root = ROOT } = {}) {
  if (step.tool) return { command: process.execPath, args: [toolEntry(step.tool, root), ...step.args] }
  if (step.command === 'node') return { command: process.execPath, args: step.args }
  if (!step.command) throw new Error(`step ${step.name} names neither a tool nor a command`)
  // Windows finds cargo.exe and bash.exe (Git for Windows) on PATH by their base name.
  return { command: step.command, args: step.args }
}

/** The JavaScript file an npm tool's `bin` points at, in `root`'s node_modules. */
function toolEntry(tool, root) {
  const pkgName = TOOL_PACKAGES[tool]
  const require = createRequire(join(root, 'package.json'))
  let pkgJson
  try {
    if (!pkgName) throw new Error(`no package is known to provide ${tool}`)
    pkgJson = require.resolve(`${pkgName}/package.json`)
  } catch (err) {
    throw new Error(`${tool} is not installed (${pkgName ?? 'unknown package'}): run npm ci in ${root}`, {
      cause: err,
    })
  }
  const { bin } = JSON.parse(readFileSync(pkgJson, 'utf8'))
  const entry = typeof bin === 'string' ? bin : bin?.[tool]
  if (!entry) throw new Error(`${pkgName} has no "${tool}" in its package.json bin: reinstall it with npm ci`)
  return join(dirname(pkgJson), entry)
}
