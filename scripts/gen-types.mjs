// The TypeScript types of every value that crosses the engine boundary (stream parts,
// timing, usage, params, errors) are generated from the Rust definitions by ts-rs
// (`#[cfg_attr(test, derive(ts_rs::TS))]` in native/core) into native/js/types/.
//
//   node scripts/gen-types.mjs          regenerate native/js/types/
//   node scripts/gen-types.mjs --check  fail when the committed files are stale
//
// ts-rs exports from tests it generates (`export_bindings_*`), so both modes run
// those tests into a fresh directory and compare it with the committed one.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const COMMITTED = join(ROOT, 'native', 'js', 'types')

function generate() {
  const out = mkdtempSync(join(tmpdir(), 'eq-ts-types-'))
  const cargo = spawnSync(
    'cargo',
    ['test', '--quiet', '--manifest-path', 'native/Cargo.toml', '-p', 'edgequake-llm-core', '--lib', 'export_bindings'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, TS_RS_EXPORT_DIR: out, TS_RS_LARGE_INT: 'number' },
    },
  )
  if (cargo.status !== 0) throw new Error(`cargo test export_bindings failed (exit ${cargo.status ?? cargo.signal})`)
  return out
}

function filesIn(dir) {
  try {
    return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]))
  } catch (err) {
    if (err.code === 'ENOENT') return new Map()
    throw err
  }
}

/** Names of files that are missing, stale or no longer generated. */
export function staleFiles(generated, committed) {
  const names = new Set([...generated.keys(), ...committed.keys()])
  return [...names].filter((n) => generated.get(n) !== committed.get(n)).sort()
}

function main() {
  const check = process.argv.includes('--check')
  const dir = generate()
  try {
    const generated = filesIn(dir)
    const committed = filesIn(COMMITTED)
    const stale = staleFiles(generated, committed)
    if (check) {
      if (stale.length === 0) return console.log(`native/js/types: ${generated.size} files, up to date`)
      console.error(`native/js/types is stale (${stale.join(', ')}): run \`npm run gen:types\` and commit the result`)
      process.exit(1)
    }
    for (const name of stale) {
      if (generated.has(name)) writeFileSync(join(COMMITTED, name), generated.get(name))
      else rmSync(join(COMMITTED, name))
    }
    console.log(`native/js/types: ${generated.size} files, ${stale.length} written or removed`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
