/**
 * The browser-mode infrastructure in a real browser, with a stand-in page
 * (fixtures/static) so it does not depend on the renderer: Debian's Chromium
 * opens the printed URL, the token becomes an HttpOnly cookie (invisible to
 * the page, gone from the address bar), the page's own script runs under the
 * strict CSP and reaches the API with the cookie alone, and another origin is
 * refused. The UI scenarios build on this stack.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM_PATH, type Stack, startStack } from './stack'

const chromium = existsSync(CHROMIUM_PATH)
let stack: Stack

describe.skipIf(!chromium)('browser mode in Chromium', () => {
  beforeAll(async () => {
    stack = await startStack({ staticDir: join(process.cwd(), 'test/e2e/fixtures/static') })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('the printed URL logs the browser in; the token never reaches the page', async () => {
    const page = await stack.openPage()
    // Polled through Playwright's isolated world: a string predicate would be eval'd in
    // the page, which the CSP (rightly) refuses.
    await expect.poll(() => page.textContent('#status'), { timeout: 10_000 }).not.toBe('loading')
    expect(await page.textContent('#status')).toBe('theme:system')
    expect(page.url()).toBe(`${stack.web.url}/`)
    expect(await page.evaluate('document.cookie')).toBe('')
    expect(await page.content()).not.toContain(stack.web.token)
    const response = await page.reload()
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/)
  })

  test('another origin cannot use the server, even from the same browser', async () => {
    const page = await (await stack.browser()).newPage()
    // localhost is another origin than 127.0.0.1 and holds no cookie: refused.
    const res = await page.goto(`${stack.web.url.replace('127.0.0.1', 'localhost')}/`)
    expect(res?.status()).toBe(403)
    await page.close()
  })
})

test.skipIf(chromium)('browser mode in Chromium: prerequisites', () => {
  console.warn(`skipping the browser smoke test: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
})
