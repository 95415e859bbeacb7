// The Python peer: LiteLLM, run by ../litellm_peer.py in a subprocess.
// Setup installs it with pip when missing; when that fails the bench says
// why and carries on without it.

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runJsonChild } from './child.mjs'

const PEER_PY = fileURLToPath(new URL('../litellm_peer.py', import.meta.url))
const PYTHON = process.env.PYTHON ?? 'python3'

/**
 * LiteLLM fetches its model price map from the internet at import unless
 * told to use the copy it ships; a benchmark must not touch the network.
 */
export const LITELLM_ENV = { LITELLM_LOCAL_MODEL_COST_MAP: 'True', LITELLM_TELEMETRY: 'False' }

/** @returns {{ ok: boolean, version?: string, reason?: string }} */
function probe() {
  const r = spawnSync(PYTHON, ['-c', 'import importlib.metadata as m; print(m.version("litellm"))'], {
    encoding: 'utf8',
    env: { ...process.env, ...LITELLM_ENV },
  })
  if (r.error) return { ok: false, reason: `${PYTHON}: ${r.error.message}` }
  if (r.status !== 0) return { ok: false, reason: lastLine(r.stderr) || `exit ${r.status}` }
  return { ok: true, version: r.stdout.trim() }
}

/**
 * Finds LiteLLM, installing it with `python3 -m pip install litellm` when
 * missing (a minute or so; a quick run skips that). BENCH_NO_LITELLM=1 skips
 * the Python peer altogether.
 * @param {(line: string) => void} log
 * @param {{ install?: boolean }} [opts]
 * @returns {{ ok: boolean, version?: string, reason?: string }}
 */
export function setupLitellm(log, { install = true } = {}) {
  if (process.env.BENCH_NO_LITELLM === '1') return { ok: false, reason: 'BENCH_NO_LITELLM=1' }
  let found = probe()
  if (found.ok) return found
  if (!install) return { ok: false, reason: `${found.reason}; BENCH_QUICK does not install it` }
  log(`litellm: not installed (${found.reason}); trying ${PYTHON} -m pip install litellm`)
  const pip = spawnSync(PYTHON, ['-m', 'pip', 'install', '--quiet', 'litellm'], {
    encoding: 'utf8',
    timeout: 600_000,
  })
  if (pip.error || pip.status !== 0) {
    const why = pip.error?.message ?? (lastLine(pip.stderr) || `pip exit ${pip.status}`)
    return { ok: false, reason: `pip install failed: ${why}` }
  }
  found = probe()
  return found.ok ? found : { ok: false, reason: `installed but not importable: ${found.reason}` }
}

/**
 * `python3 bench/litellm_peer.py <mode> --base URL [--quick] [--key value ...]`
 * @param {string} mode
 * @param {{ base: string, quick: boolean }} ctx
 * @param {Record<string, string|number>} args
 */
export function runLitellm(mode, ctx, args = {}) {
  const argv = [PEER_PY, mode, '--base', ctx.base]
  if (ctx.quick) argv.push('--quick')
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, String(v))
  return runJsonChild(PYTHON, argv, { env: LITELLM_ENV, timeoutMs: 300_000 })
}

/** @param {string} s */
const lastLine = (s) => (s ?? '').trim().split('\n').at(-1) ?? ''
