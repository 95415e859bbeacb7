/**
 * Runs the built browser-mode server (dist/main/web.cjs) as a child process,
 * the way `npm run web` does, with an environment made from scratch: no key or
 * base URL leaks in from the developer's shell, so no test can reach a real
 * provider. `restart()` keeps the data directory; `crash()` is a SIGKILL.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = process.cwd()
const BUNDLE = join(ROOT, 'dist/main/web.cjs')
let built = false

/** Builds the main bundles once per test process (esbuild: well under a second). */
export function buildMain(): void {
  if (built && existsSync(BUNDLE)) return
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-main.mjs')], { cwd: ROOT, stdio: 'pipe' })
  built = true
}

export interface WebProcess {
  /** http://127.0.0.1:PORT/<prefix>: the app's base (API calls: `${url}/api/…`). */
  readonly url: string
  /** The printed URL with `?token=`. */
  readonly launchUrl: string
  readonly token: string
  readonly port: number
  readonly output: string
  restart(): Promise<void>
  crash(): Promise<void>
  stop(): Promise<void>
}

export async function startWebProcess(env: Record<string, string>): Promise<WebProcess> {
  buildMain()
  let child: ChildProcess
  let launchUrl = ''
  let output = ''

  const spawnServer = async () => {
    output = ''
    child = spawn(process.execPath, [BUNDLE, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    launchUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`web server did not start:\n${output}`)), 15_000)
      const onData = (data: Buffer) => {
        output += data.toString()
        const m = /http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/\?token=[0-9a-f]{64}/.exec(output)
        if (m) {
          clearTimeout(timer)
          resolve(m[0])
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', (d: Buffer) => {
        output += d.toString()
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`web server exited (${code}):\n${output}`))
      })
    })
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill(signal)
    })

  await spawnServer()
  return {
    get url() {
      return launchUrl.replace(/\/\?token=.*$/, '')
    },
    get launchUrl() {
      return launchUrl
    },
    get token() {
      return new URL(launchUrl).searchParams.get('token')!
    },
    get port() {
      return Number(new URL(launchUrl).port)
    },
    get output() {
      return output
    },
    async restart() {
      await end('SIGTERM')
      await spawnServer()
    },
    async crash() {
      await end('SIGKILL')
    },
    stop: () => end('SIGTERM'),
  }
}
