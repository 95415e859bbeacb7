#!/usr/bin/env node
// Run the fake provider as its own process (browser end-to-end test,
// benchmarks). Prints exactly one line, FAKE_PROVIDER_URL=..., on stdout so a
// parent can read the port; runs until SIGINT/SIGTERM.
//
//   node test/fake-provider/cli.mjs [--port N] [--host 127.0.0.1]

import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startFakeProvider } from './server.mjs'

/**
 * A bare `node --test` runs every .mjs under a test/ folder, this file too,
 * and a server that never exits would hang that run. Only the runner's direct
 * children have `node --test` as parent: a test that spawns this CLI (the
 * end-to-end test) inherits NODE_TEST_CONTEXT too, so the env var alone is not
 * enough. Linux-only check (/proc); elsewhere the CLI always runs.
 */
function startedAsTestFile() {
  if (!process.env.NODE_TEST_CONTEXT) return false
  try {
    return readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8').split('\0').includes('--test')
  } catch {
    return false
  }
}
if (startedAsTestFile()) process.exit(0)

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
  },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fake-provider: --port must be an integer 0-65535, got "${values.port}"`)
  process.exit(2)
}

const fake = await startFakeProvider({ port, host: values.host })
process.stdout.write(`FAKE_PROVIDER_URL=${fake.url}\n`)

let closing = false
/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  if (closing) return
  closing = true
  await fake.close()
  process.exitCode = signal === 'SIGINT' ? 130 : 0
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
