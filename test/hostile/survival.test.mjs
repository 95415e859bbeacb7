// The process survives every input that used to abort it or hang a stream: the
// cases run in a child process, whose exit status and per-case results are checked
// (a SIGABRT would end the child with a signal and missing lines).

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { hostilePerFile } from './helpers.mjs'
import { CASES } from './survival-child.mjs'

const h = hostilePerFile()
const child = fileURLToPath(new URL('./survival-child.mjs', import.meta.url))

function runChild(url) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, url], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    proc.stdout.on('data', (d) => {
      out += d
    })
    proc.stderr.on('data', (d) => {
      err += d
    })
    const killer = setTimeout(() => proc.kill('SIGKILL'), 60_000)
    proc.on('error', reject)
    proc.on('close', (code, signal) => {
      clearTimeout(killer)
      resolve({
        code,
        signal,
        stderr: err,
        results: out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l)),
      })
    })
  })
}

/** What each case must end as: the caller's out-of-range values are BadRequestErrors. */
const EXPECTED = {
  'timeout 1e19': 'BadRequestError',
  'timeout 1e300': 'BadRequestError',
  'first_byte_timeout 1e19': 'BadRequestError',
  'first_byte_timeout 2 ** 64': 'BadRequestError',
  'stream_timeout 1e30': 'BadRequestError',
  'timeout Infinity': 'BadRequestError',
  'temperature NaN': 'BadRequestError',
  'mock_ttft_ms 1e20': 'BadRequestError',
  'mock_tokens_per_second 1e-300': 'Timeout',
  'mock_tokens_per_second 1e300': 'BadRequestError',
  'num_retries 4294967295': 'BadRequestError',
  'max_event_bytes 1e30': 'BadRequestError',
  'tool index u32::MAX (stream)': 'APIError',
  'tool index 1e9 (whole)': 'APIError',
  'retry-after inf': 'RateLimitError',
  'retry-after Infinity': 'RateLimitError',
  'retry-after 1e20': 'RateLimitError',
  'retry-after-ms 1e300': 'RateLimitError',
  'retry-after NaN': 'RateLimitError',
}

let once
/** The child runs once for the whole file. */
const childRun = () => {
  once ??= runChild(h.server.url)
  return once
}

describe('no input from a caller or a server kills the process or hangs a stream', () => {
  test('every case settles with its typed error and the child exits 0', { timeout: 90_000 }, async () => {
    const { code, signal, stderr, results } = await childRun()
    const seen = Object.fromEntries(results.map((r) => [r.case, r]))
    for (const name of Object.keys(CASES)) {
      assert.ok(seen[name], `the child died or hung before "${name}" (exit ${code}, signal ${signal}): ${stderr}`)
      assert.equal(seen[name].name, EXPECTED[name], `${name}: ${JSON.stringify(seen[name])}`)
    }
    assert.equal(signal, null, stderr)
    assert.equal(code, 0, stderr)
  })

  test('range errors name the parameter and its allowed range', { timeout: 90_000 }, async () => {
    const { results } = await childRun()
    const timeout = results.find((r) => r.case === 'timeout 1e19')
    assert.match(timeout.message, /`timeout` is 1(e\+?19|0{19}): use a number greater than 0 to 86400/)
    const nan = results.find((r) => r.case === 'temperature NaN')
    assert.match(nan.message, /`temperature` is NaN/)
  })
})
