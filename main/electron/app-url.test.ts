import { describe, expect, test } from 'vitest'
import { APP_ORIGIN, createAppUrlCheck } from './app-url'

describe('createAppUrlCheck', () => {
  const isAppUrl = createAppUrlCheck()

  test('accepts the real page: app://playground/ and its routes, as Electron reports them', () => {
    expect(isAppUrl(`${APP_ORIGIN}/`)).toBe(true)
    expect(isAppUrl('app://playground/index.html')).toBe(true)
    expect(isAppUrl('app://playground/history?run=r1#top')).toBe(true)
    expect(isAppUrl('APP://PLAYGROUND/')).toBe(true)
  })

  test('refuses other hosts, schemes and look-alikes', () => {
    for (const url of [
      'app://evil/',
      'app://playground.evil.com/',
      'app://playground:8080/',
      'app://user@evil/',
      'https://playground/',
      'http://app.playground/',
      'file:///etc/passwd',
      'about:blank',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })

  test('in development also accepts the dev server, and only its exact host and port', () => {
    const dev = createAppUrlCheck('http://localhost:5173/')
    expect(dev('http://localhost:5173/')).toBe(true)
    expect(dev('http://localhost:5173/settings')).toBe(true)
    expect(dev('app://playground/')).toBe(true)
    expect(dev('http://localhost:5174/')).toBe(false)
    expect(dev('https://localhost:5173/')).toBe(false)
    expect(dev('http://127.0.0.1:5173/')).toBe(false)
  })
})
