#!/usr/bin/env node
// The Python package's CI step (`npm test` → check.mjs `test:python`):
//   1. builds the linux wheel with maturin (release, abi3) in a build venv;
//   2. installs it into a fresh venv and runs the pytest suite against the
//      loopback fake provider (native/python/tests), and mypy --strict on the package;
//   3. builds the sdist, installs it from source into another fresh venv (pip runs
//      maturin, cargo compiles every crate) and imports it, streaming a mock reply.
// `--wheel-only` (npm run build:python) does step 1 alone.
//
// Everything lives under .cache/python/ (git-ignored). The sdist is compiled from
// scratch in its own cargo target directory at opt-level 0: what is checked is that
// the source distribution is complete and builds, not its speed, and a release
// (LTO) build of it takes ~2.5x as long on 2 cores (4m46s vs 1m45s measured).

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const pkg = join(root, 'native/python')
const cache = join(root, '.cache/python')
const wheelOnly = process.argv.includes('--wheel-only')
const python = process.env.PYTHON ?? 'python3'
const bin = (venv, name) =>
  process.platform === 'win32' ? join(venv, 'Scripts', `${name}.exe`) : join(venv, 'bin', name)
const timings = []

function run(cmd, args, opts = {}) {
  console.log(`[python] ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } })
  if (r.status !== 0) {
    console.error(`[python] failed (exit ${r.status ?? r.signal}): ${cmd} ${args.join(' ')}`)
    process.exit(1)
  }
}

/** Runs `fn` and records how long it took, for the summary. */
function phase(name, fn) {
  const t0 = Date.now()
  fn()
  timings.push([name, (Date.now() - t0) / 1000])
}

function freshVenv(name) {
  const venv = join(cache, name)
  rmSync(venv, { recursive: true, force: true })
  run(python, ['-m', 'venv', venv])
  return venv
}

function emptyDir(name) {
  const dir = join(cache, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

const only = (dir, suffix) => {
  const files = readdirSync(dir).filter((f) => f.endsWith(suffix))
  if (files.length !== 1) throw new Error(`expected one ${suffix} in ${dir}, found ${files.join(', ') || 'none'}`)
  return join(dir, files[0])
}

const version = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' })
const [major, minor] = (version.stdout ?? '').trim().split('.').map(Number)
if (version.status !== 0 || major !== 3 || minor < 9) {
  console.error(
    `[python] ${python} is not Python 3.9+ (${version.error?.message ?? version.stdout?.trim()}): set PYTHON=`,
  )
  process.exit(1)
}

mkdirSync(cache, { recursive: true })
const buildVenv = join(cache, 'build-venv')

phase('build venv (maturin)', () => {
  if (!existsSync(bin(buildVenv, 'maturin'))) {
    run(python, ['-m', 'venv', buildVenv])
    run(bin(buildVenv, 'python'), ['-m', 'pip', 'install', '-q', 'maturin>=1.9.4,<2'])
  }
})

const wheels = emptyDir('wheels')
phase('wheel (maturin build --release)', () => {
  run(bin(buildVenv, 'maturin'), ['build', '--release', '--out', wheels], { cwd: pkg })
})
const wheel = only(wheels, '.whl')
console.log(`[python] wheel: ${wheel}`)

if (!wheelOnly) {
  phase('wheel into a fresh venv + pytest', () => {
    const venv = freshVenv('test-venv')
    run(bin(venv, 'python'), ['-m', 'pip', 'install', '-q', wheel, 'pytest>=7', 'mypy>=1.10'])
    // From the tests folder, so `edgequake_python` can only come from the installed wheel.
    run(bin(venv, 'python'), ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '.'], { cwd: join(pkg, 'tests') })
    // The types the package ships (inline annotations, py.typed, _eq_core.pyi) hold together.
    run(
      bin(venv, 'python'),
      ['-m', 'mypy', '--strict', '--cache-dir', join(cache, 'mypy'), 'python/edgequake_python'],
      { cwd: pkg },
    )
  })

  const sdists = emptyDir('sdist')
  phase('sdist (maturin sdist)', () => {
    run(bin(buildVenv, 'maturin'), ['sdist', '--out', sdists], { cwd: pkg })
  })
  phase('sdist compiled from source into a fresh venv + import', () => {
    const venv = freshVenv('sdist-venv')
    const env = {
      CARGO_TARGET_DIR: emptyDir('sdist-target'),
      CARGO_PROFILE_RELEASE_OPT_LEVEL: '0',
      CARGO_PROFILE_RELEASE_LTO: 'off',
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16',
    }
    run(bin(venv, 'python'), ['-m', 'pip', 'install', only(sdists, '.tar.gz')], { env, cwd: cache })
    run(bin(venv, 'python'), [join(pkg, 'tests/smoke.py')], { cwd: cache })
  })
}

console.log('\n[python] timings')
for (const [name, s] of timings) console.log(`  ${s.toFixed(1).padStart(7)} s  ${name}`)
