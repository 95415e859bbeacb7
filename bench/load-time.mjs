// Module load time: how long a fresh `node` process spends loading each
// peer's modules, timed inside the process with performance.now() around the
// require() (CommonJS) or import() (ESM). Median of several fresh processes;
// disk cache is warm after the first run.

import { spawnSync } from 'node:child_process'
import { REPO_DIR } from './lib/child.mjs'
import { PEERS } from './lib/peers.mjs'
import { measureAll } from './lib/runner.mjs'
import { median } from './lib/stats.mjs'

/** @param {boolean} quick */
export const runsPerVariant = (quick) => (quick ? 3 : 7)

/** @param {string[]} modules */
const cjsCode = (modules) =>
  `const t=performance.now();${modules.map((m) => `require(${JSON.stringify(m)});`).join('')}` +
  'process.stdout.write(String(performance.now()-t))'

/** @param {string[]} modules */
const esmCode = (modules) =>
  `const t=performance.now();${modules.map((m) => `await import(${JSON.stringify(m)});`).join('')}` +
  'process.stdout.write(String(performance.now()-t))'

/**
 * @param {string[]} args
 * @returns {number} ms
 */
function once(args) {
  const r = spawnSync(process.execPath, args, { cwd: REPO_DIR, encoding: 'utf8' })
  const ms = Number(r.stdout)
  if (r.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`node ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.trim().split('\n').at(-1)}`)
  }
  return ms
}

/**
 * @param {string} name
 * @param {boolean} quick
 */
function measurePeer(name, quick) {
  const modules = PEERS[name].modules
  const runs = runsPerVariant(quick)
  const req = []
  const imp = []
  for (let i = 0; i < runs; i++) {
    req.push(once(['-e', cjsCode(modules)]))
    imp.push(once(['--input-type=module', '-e', esmCode(modules)]))
  }
  return { require_ms: median(req), import_ms: median(imp) }
}

/** @param {import('./lib/runner.mjs').Ctx} ctx */
export function run(ctx) {
  const runs = runsPerVariant(ctx.quick)
  ctx.log(`load: require() and import() in ${runs} fresh processes each`)
  return measureAll(ctx, 'load', async (p) => measurePeer(p, ctx.quick), { runs: ctx.quick ? 1 : 5 })
}
