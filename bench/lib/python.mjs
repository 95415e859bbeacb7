// The Python peers (../python_peer.py): LiteLLM, edgequake_python and the
// official openai SDK, in one venv under .cache/python/bench-venv (git-ignored),
// run in subprocesses. Setup installs what is missing with pip (LiteLLM brings
// openai) and installs the edgequake_python wheel that `npm run build:python`
// built; when something cannot be had, the bench says why and goes on without it.

import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { REPO_DIR, runJsonChild } from './child.mjs'

const PEER_PY = fileURLToPath(new URL('../python_peer.py', import.meta.url))
const CACHE = join(REPO_DIR, '.cache/python')
const VENV = join(CACHE, 'bench-venv')
const WHEELS = join(CACHE, 'wheels')
const SYSTEM_PYTHON = process.env.PYTHON ?? 'python3'
const PYTHON = process.platform === 'win32' ? join(VENV, 'Scripts', 'python.exe') : join(VENV, 'bin', 'python')

/** The Python clients, as python_peer.py names them → their import name. */
export const PY_CLIENTS = { edgequake: 'edgequake_python', litellm: 'litellm', openai: 'openai' }

/**
 * LiteLLM fetches its model price map from the internet at import unless
 * told to use the copy it ships; a benchmark must not touch the network.
 */
export const PYTHON_ENV = { LITELLM_LOCAL_MODEL_COST_MAP: 'True', LITELLM_TELEMETRY: 'False' }

/** @typedef {{ ok: boolean, version?: string, reason?: string }} Found */

/** @param {string} cmd @param {string[]} args @param {number} [timeout] */
function sh(cmd, args, timeout = 600_000) {
  return spawnSync(cmd, args, { encoding: 'utf8', timeout, cwd: REPO_DIR, env: { ...process.env, ...PYTHON_ENV } })
}

/** @param {string} dist distribution name @returns {Found} */
function probe(dist) {
  if (!existsSync(PYTHON)) return { ok: false, reason: 'no bench venv' }
  const r = sh(PYTHON, ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(dist)}))`])
  if (r.error) return { ok: false, reason: r.error.message }
  if (r.status !== 0) return { ok: false, reason: lastLine(r.stderr) || `exit ${r.status}` }
  return { ok: true, version: r.stdout.trim() }
}

/** @param {string[]} args @returns {string | null} why it failed */
function pip(args) {
  const r = sh(PYTHON, ['-m', 'pip', 'install', '--quiet', ...args])
  return r.error || r.status !== 0 ? (r.error?.message ?? (lastLine(r.stderr) || `pip exit ${r.status}`)) : null
}

/**
 * Readies the venv. `install`: pip-install LiteLLM and openai when missing (a
 * minute or so) and rebuild the edgequake wheel (a no-op when up to date); a
 * quick run uses what is there. BENCH_NO_PYTHON=1 (or BENCH_NO_LITELLM=1 for
 * LiteLLM alone) skips them.
 * @param {(line: string) => void} log
 * @param {{ install?: boolean }} [opts]
 * @returns {{ python: string, edgequake: Found, litellm: Found, openai: Found }}
 */
export function setupPython(log, { install = true } = {}) {
  const off = (/** @type {string} */ reason) => ({ ok: false, reason })
  if (process.env.BENCH_NO_PYTHON === '1') {
    const no = off('BENCH_NO_PYTHON=1')
    return { python: PYTHON, edgequake: no, litellm: no, openai: no }
  }
  if (!existsSync(PYTHON)) {
    if (!install) {
      const no = off('no bench venv; BENCH_QUICK does not create it')
      return { python: PYTHON, edgequake: no, litellm: no, openai: no }
    }
    log(`python: creating ${VENV}`)
    const r = sh(SYSTEM_PYTHON, ['-m', 'venv', VENV])
    if (r.error || r.status !== 0) {
      const no = off(`${SYSTEM_PYTHON} -m venv failed: ${r.error?.message ?? lastLine(r.stderr)}`)
      return { python: PYTHON, edgequake: no, litellm: no, openai: no }
    }
  }
  const litellm = process.env.BENCH_NO_LITELLM === '1' ? off('BENCH_NO_LITELLM=1') : ensure('litellm', install, log)
  const openai = ensure('openai', install, log)
  return { python: PYTHON, edgequake: ensureEdgequake(install, log), litellm, openai }
}

/** @param {string} dist @param {boolean} install @param {(line: string) => void} log @returns {Found} */
function ensure(dist, install, log) {
  const found = probe(dist)
  if (found.ok || !install) return found.ok ? found : { ok: false, reason: `${found.reason} (not installed)` }
  log(`python: pip install ${dist}`)
  const failed = pip([dist])
  if (failed) return { ok: false, reason: `pip install ${dist} failed: ${failed}` }
  return probe(dist)
}

/** The wheel `npm run build:python` writes, rebuilt first on a full run. @returns {Found} */
function ensureEdgequake(install, log) {
  if (install) {
    log('python: node scripts/python-check.mjs --wheel-only (release build; a no-op when up to date)')
    const r = sh(process.execPath, ['scripts/python-check.mjs', '--wheel-only'], 1_800_000)
    if (r.error || r.status !== 0) return { ok: false, reason: `wheel build failed: ${lastLine(r.stderr)}` }
  }
  const wheel = existsSync(WHEELS) ? readdirSync(WHEELS).find((f) => f.endsWith('.whl')) : undefined
  if (!wheel) return { ok: false, reason: 'no wheel in .cache/python/wheels (npm run build:python)' }
  const failed = pip(['--force-reinstall', '--no-deps', join(WHEELS, wheel)])
  return failed ? { ok: false, reason: `pip install of the wheel failed: ${failed}` } : probe('edgequake-python')
}

/**
 * `python bench/python_peer.py <mode> --client C --base URL [--quick] [--key value ...]`
 * @param {string} client litellm | edgequake | openai
 * @param {string} mode
 * @param {{ base: string, quick: boolean }} ctx
 * @param {Record<string, string|number>} args
 */
export function runPythonPeer(client, mode, ctx, args = {}) {
  const argv = [PEER_PY, mode, '--client', client, '--base', ctx.base]
  if (ctx.quick) argv.push('--quick')
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, String(v))
  return runJsonChild(PYTHON, argv, { env: PYTHON_ENV, timeoutMs: 300_000 })
}

/** @param {string} s */
const lastLine = (s) => (s ?? '').trim().split('\n').at(-1) ?? ''
