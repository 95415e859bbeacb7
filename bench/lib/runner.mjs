// Runs one measurement across every peer, one at a time, and records each
// peer's result or its failure. A failure is kept (and turns the run's exit
// code non-zero) instead of stopping the other peers.

import { PEERS } from './peers.mjs'
import { runPythonPeer } from './python.mjs'

/**
 * @typedef {object} Ctx
 * @property {string} base OpenAI wire base of the fake provider
 * @property {boolean} quick BENCH_QUICK: ~10x fewer iterations
 * @property {string[]} peers JS peers to run
 * @property {{ ok: boolean, version?: string, reason?: string }} litellm
 * @property {(line: string) => void} log progress, to stderr
 */

/**
 * With `rounds` > 1 the JS peers take turns (a, b, c, d, a, b, ...), each turn
 * a fresh process, and `combine` merges a peer's rounds: load from other work
 * on the machine then falls on every peer alike instead of on whichever ran
 * during a busy spell.
 * @param {Ctx} ctx
 * @param {string} name measurement name (file bench/<name>.mjs, python_peer.py mode)
 * @param {(peer: string) => Promise<object>} runJs
 * @param {object} [pyArgs] extra arguments for the LiteLLM peer
 * @param {{ rounds?: number, combine?: (results: any[]) => object }} [opts]
 * @returns {Promise<Record<string, {ok: true} & object | {ok: false, error: string}>>}
 */
export async function measureAll(ctx, name, runJs, pyArgs = {}, opts = {}) {
  const rounds = opts.rounds ?? 1
  const peers = ctx.peers.filter((p) => PEERS[p].only?.includes(name) ?? true)
  /** @type {Record<string, any[]>} */
  const got = Object.fromEntries(peers.map((p) => [p, []]))
  /** @type {Record<string, any>} */
  const out = {}
  for (let r = 0; r < rounds; r++) {
    for (const p of peers) {
      if (out[p]) continue // failed in an earlier round
      const res = await attempt(ctx, rounds > 1 ? `${name} ${r + 1}/${rounds}` : name, p, () => runJs(p))
      if (res.ok) got[p].push(res)
      else out[p] = res
    }
  }
  for (const p of peers) {
    if (out[p]) continue
    out[p] = opts.combine ? { ok: true, ...opts.combine(got[p]) } : got[p][0]
  }
  if (ctx.litellm.ok) {
    out.litellm = await attempt(ctx, name, 'litellm', () => runPythonPeer('litellm', name, ctx, pyArgs))
  }
  return out
}

/**
 * @param {Ctx} ctx
 * @param {string} name
 * @param {string} peer
 * @param {() => Promise<object>} fn
 */
async function attempt(ctx, name, peer, fn) {
  const t0 = performance.now()
  try {
    const r = await fn()
    ctx.log(`  ${name} · ${peer}: ok (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
    return { ok: true, ...r }
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    ctx.log(`  ${name} · ${peer}: FAILED: ${error}`)
    return { ok: false, error }
  }
}
