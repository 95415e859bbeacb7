/**
 * The browser-mode credential stays with the app. Browsers scope cookies by
 * host, not port: a cookie set by the app on 127.0.0.1 with `Path=/` is sent
 * to every other web server on 127.0.0.1 the same browser visits. Here a second
 * local server, visited by the logged-in Chromium, records every cookie it
 * receives and replays each one against the app's API; it must get nothing
 * usable.
 */
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'

const chromium = existsSync(CHROMIUM_PATH)
let stack: Stack
let other: Server
let otherUrl = ''
const received: string[] = []
const replays: Array<{ path: string; status: number }> = []

/** Replays a stolen Cookie header against the app the way an attacker's server could, at the paths it can guess. */
async function replay(cookie: string): Promise<void> {
  const { port } = stack.web
  for (const path of ['/api/getSettings', `${new URL(stack.web.url).pathname}/api/getSettings`]) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '[]',
    })
    replays.push({ path, status: res.status })
  }
}

describe.skipIf(!chromium)('browser mode: the token stays with the app', () => {
  beforeAll(async () => {
    stack = await startStack({ staticDir: join(process.cwd(), 'test/e2e/fixtures/static') })
    other = createServer((req, res) => {
      if (req.headers.cookie) received.push(req.headers.cookie)
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>another local server</title>')
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await stack?.close()
    await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()))
  })

  test('another server on 127.0.0.1 never receives the token, and nothing it receives opens the API', async () => {
    const page = await stack.openPage()
    await expect.poll(() => page.textContent('#status'), { timeout: 10_000 }).toBe('theme:system')
    // The logged-in browser visits the other server at paths it could lure it to.
    for (const path of ['/', '/api/getSettings', '/index.html', '/anything/deeper'])
      await page.goto(`${otherUrl}${path}`)
    const jar = await (await stack.browser()).cookies(otherUrl)
    expect(jar.map((c) => c.name)).not.toContain(`eq_token_${stack.web.port}`)
    for (const cookie of received) expect(cookie).not.toContain(stack.web.token)
    for (const cookie of received) await replay(cookie)
    for (const r of replays) expect(r.status, r.path).not.toBe(200)
    // The app itself still works in that browser.
    await page.goto(`${stack.web.url}/`)
    await expect.poll(() => page.textContent('#status'), { timeout: 10_000 }).toBe('theme:system')
    await page.close()
  })
})

test.skipIf(chromium)('browser mode token: prerequisites', () => {
  console.warn(`skipping the browser token test: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
