// One way to run a release step's subprocess: no shell, output on stderr (so a
// `node --test` caller's stdout stays the runner's), and a failure that names the
// command and where it ran. Shared by the scripts in scripts/release/.

import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Progress for people reading the job log; stderr, for the reason above. */
export const log = (message) => process.stderr.write(`${message}\n`)

/**
 * Runs `command args` in `cwd` and returns its stdout. Throws with the command, the
 * directory and the exit status when it fails; stderr is passed through as it comes.
 */
export function run(command, args, { cwd, env = process.env, capture = false } = {}) {
  log(`[release] (${cwd}) ${command === process.execPath ? 'node' : command} ${args.join(' ')}`)
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', capture ? 'pipe' : 2, capture ? 'pipe' : 2],
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.error) throw new Error(`could not start ${command} in ${cwd}: ${result.error.message}`)
  if (result.status !== 0) {
    const detail = capture ? `\n${result.stderr.trim()}` : ''
    throw Object.assign(new Error(`${command} ${args[0]} failed in ${cwd} (exit ${result.status})${detail}`), {
      stdout: result.stdout,
      stderr: result.stderr,
      status: result.status,
    })
  }
  if (capture && result.stderr) process.stderr.write(result.stderr)
  return result.stdout ?? ''
}

/** Runs the napi-rs CLI installed in this checkout (the version package-lock.json pins). */
export function napi(args, cwd) {
  const require = createRequire(join(ROOT, 'package.json'))
  const pkgPath = require.resolve('@napi-rs/cli/package.json')
  const { bin } = JSON.parse(readFileSync(pkgPath, 'utf8'))
  return run(process.execPath, [join(dirname(pkgPath), bin.napi), ...args], { cwd })
}
