/**
 * One process per data directory, with real processes: a second browser-mode
 * server on the same directory refuses to start and names the process that
 * holds it; after the first is killed with SIGKILL (its lock left behind), a
 * new one starts and finds the history the first wrote.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startWebProcess, type WebProcess } from './web-process'

let scratch: string
let env: Record<string, string>
const started: WebProcess[] = []

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'eq-instances-'))
  env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(scratch, 'home'), EQ_DATA_DIR: join(scratch, 'data') }
})
afterAll(async () => {
  for (const p of started) await p.stop()
  rmSync(scratch, { recursive: true, force: true })
})

test('a second instance on the same data directory is refused and names the holder; kill -9 frees it', async () => {
  const first = await startWebProcess(env)
  started.push(first)
  const pid = (JSON.parse(readFileSync(join(env.EQ_DATA_DIR!, 'instance.lock'), 'utf8')) as { pid: number }).pid
  expect(pid).toBeGreaterThan(0)
  const call = (p: WebProcess, method: string, args: unknown[]) =>
    fetch(`${p.url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-eq-token': p.token },
      body: JSON.stringify(args),
    })
  expect((await call(first, 'updateSettings', [{ theme: 'dark' }])).status).toBe(200)

  // The second process exits at once, saying which process holds the directory.
  const second = spawnSync(process.execPath, [join(process.cwd(), 'dist/main/web.cjs'), '--port', '0'], {
    env,
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(second.status).toBe(1)
  expect(second.stderr).toContain(`in use by another EdgeQuake Playground (process ${pid}`)
  expect(second.stderr).toContain(env.EQ_DATA_DIR)

  // kill -9 leaves the lock file behind; the next start sees its process is gone.
  await first.crash()
  await first.restart()
  const settings = (await (await call(first, 'getSettings', [])).json()) as { result: { theme: string } }
  expect(settings.result.theme).toBe('dark')
})
