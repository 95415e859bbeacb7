// Runs one measurement of one peer in a fresh process and returns the JSON
// object it prints as its last stdout line. A fresh process per peer keeps
// one library's heap, JIT state and sockets from weighing on the next.

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url))

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [opts]
 * @returns {Promise<any>}
 */
export function runJsonChild(cmd, args, opts = {}) {
  const timeoutMs = opts.timeoutMs ?? 180_000
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: REPO_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      err += d
    })
    const timer = setTimeout(() => {
      err += `\n(killed after ${timeoutMs} ms)`
      child.kill('SIGKILL')
    }, timeoutMs)
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0) {
        return reject(new Error(`${args.join(' ')} exited ${code}: ${tail(err) || tail(out)}`))
      }
      try {
        resolve(JSON.parse(last))
      } catch {
        reject(new Error(`${args.join(' ')} printed no JSON result: ${tail(out)} ${tail(err)}`))
      }
    })
  })
}

/** @param {string} s */
const tail = (s) => s.trim().split('\n').slice(-6).join('\n')

/**
 * `node bench/lib/peer-child.mjs <measurement> <peer> <ctx>`.
 * @param {string} measurement
 * @param {string} peerName
 * @param {{ base: string, quick: boolean }} ctx
 */
export function runPeerChild(measurement, peerName, ctx) {
  const script = fileURLToPath(new URL('./peer-child.mjs', import.meta.url))
  const childCtx = JSON.stringify({ base: ctx.base, quick: ctx.quick })
  return runJsonChild(process.execPath, [script, measurement, peerName, childCtx])
}
