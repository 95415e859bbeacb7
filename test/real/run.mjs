#!/usr/bin/env node
// `npm run test:real` (and the `test:real` step of scripts/check.mjs): starts llama.cpp,
// LiteLLM's proxy and Ollama once on loopback, runs the engine tests
// (test/real/engine/, node:test) and the playground tests in Chromium (vitest project
// `real`) against them, then stops every server, whatever happened.
//
// As root (CI), the whole run happens in a new network namespace with only loopback
// up (`unshare -n`): nothing the servers or tests do can reach beyond 127.0.0.1, and a
// server that tried would fail loudly instead of quietly using the internet.
// EQ_REAL_NETNS=0 opts out.
//
// `--serve` only starts the servers and prints the EQ_REAL_SERVERS value that lets a
// single test file reuse them (`EQ_REAL_SERVERS='…' node --test test/real/engine/x.test.mjs`),
// until Ctrl-C.

import { spawn, spawnSync } from 'node:child_process'
import { resolveCommand } from '../../scripts/check-steps.mjs'
import { startServers } from './servers/index.mjs'

const serveOnly = process.argv.includes('--serve')

/** Re-runs this script inside a loopback-only network namespace when we may; returns its status, or null. */
function inLoopbackNamespace() {
  if (process.env.EQ_REAL_IN_NETNS === '1' || process.env.EQ_REAL_NETNS === '0' || serveOnly) return null
  // Probe once: unshare and ip must exist and the kernel must let us (not in every container).
  if (process.getuid?.() !== 0 || spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up']).status !== 0) {
    console.log('[test:real] no network namespace here (needs root, unshare and ip): running in the host namespace')
    return null
  }
  const self = [process.execPath, ...process.argv.slice(1)].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
  const r = spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec ${self}`], {
    stdio: 'inherit',
    env: { ...process.env, EQ_REAL_IN_NETNS: '1' },
  })
  return r.status ?? 1
}

const isolated = inLoopbackNamespace()
if (isolated !== null) process.exit(isolated)
if (process.env.EQ_REAL_IN_NETNS === '1') console.log('[test:real] in a network namespace with loopback only')

/** Runs a test command with the servers' addresses; resolves to its exit status. */
function runTests(cmd, args, env) {
  console.log(`\n[test:real] ${cmd} ${args.join(' ')}`)
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const started = Date.now()
console.log('[test:real] starting llama.cpp, LiteLLM and Ollama on 127.0.0.1…')
const { servers, stop } = await startServers(['llama', 'litellm', 'ollama'])
// Addresses only: LiteLLM's master key (random per run) stays out of the log.
const where = Object.entries(servers).map(([name, s]) => `${name} ${s.url}`)
console.log(`[test:real] servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${where.join(', ')}`)
let stopping = false
const shutdown = async (code) => {
  if (stopping) return
  stopping = true
  await stop()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(130))
process.on('SIGTERM', () => void shutdown(143))

const env = { EQ_REAL_SERVERS: JSON.stringify(servers) }
if (serveOnly) {
  console.log(`EQ_REAL_SERVERS='${env.EQ_REAL_SERVERS}'`)
} else {
  let failed = 0
  try {
    const engine = await runTests(process.execPath, ['--test', '--test-concurrency=1', 'test/real/engine/'], env)
    const vitest = resolveCommand({ name: 'real', tool: 'vitest', args: ['run', '--project', 'real'] })
    const ui = await runTests(vitest.command, vitest.args, env)
    failed = [engine, ui].filter((s) => s !== 0).length
  } finally {
    await shutdown(failed === 0 ? 0 : 1)
  }
}
