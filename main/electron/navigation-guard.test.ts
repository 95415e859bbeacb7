import { EventEmitter } from 'node:events'
import type { Session, WebContents } from 'electron'
import { describe, expect, test } from 'vitest'
import { FakeWebContents, fakeEvent } from '../../test/doubles/fake-electron'
import { createAppUrlCheck } from './app-url'
import { denyPermissions, guardNavigation, isAllowedExternal } from './navigation-guard'

/** An app that emits web-contents-created for a new fake webContents, with the guard installed. */
function guardedContents() {
  const app = new EventEmitter()
  const opened: string[] = []
  guardNavigation(app, createAppUrlCheck(), async (url) => {
    opened.push(url)
  })
  const contents = new FakeWebContents()
  app.emit('web-contents-created', {}, contents as unknown as WebContents)
  const fire = (event: string, url?: string) => {
    const e = fakeEvent()
    contents.emit(event, e, url)
    return e.defaultPrevented
  }
  return { contents, opened, fire }
}

describe('navigation guard', () => {
  test('navigating within the app is allowed', () => {
    const { fire } = guardedContents()
    expect(fire('will-navigate', 'app://playground/')).toBe(false)
    expect(fire('will-navigate', 'app://playground/history')).toBe(false)
    expect(fire('will-redirect', 'app://playground/settings')).toBe(false)
  })

  test('navigating or redirecting anywhere else is prevented', () => {
    const { fire } = guardedContents()
    for (const url of [
      'https://platform.openai.com/',
      'file:///etc/passwd',
      'app://evil/',
      'about:blank',
      'javascript:1',
    ]) {
      expect(fire('will-navigate', url), url).toBe(true)
      expect(fire('will-redirect', url), url).toBe(true)
    }
  })

  test('<webview> is never attached', () => {
    expect(guardedContents().fire('will-attach-webview')).toBe(true)
  })

  test('window.open is always denied; allow-listed https links open in the browser instead', () => {
    const { contents, opened } = guardedContents()
    const open = (url: string) => contents.windowOpenHandler!({ url })
    expect(open('https://platform.openai.com/api-keys')).toEqual({ action: 'deny' })
    expect(open('https://console.anthropic.com/settings/keys')).toEqual({ action: 'deny' })
    for (const url of [
      'http://platform.openai.com/',
      'https://evil.example/',
      'https://platform.openai.com.evil.example/',
      'file:///etc/passwd',
      'app://playground/',
      'javascript:alert(1)',
    ]) {
      expect(open(url), url).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://platform.openai.com/api-keys', 'https://console.anthropic.com/settings/keys'])
  })

  test('isAllowedExternal: https to a listed host only', () => {
    expect(isAllowedExternal('https://github.com/edgequake')).toBe(true)
    expect(isAllowedExternal('https://user:pw@github.com/')).toBe(false)
    expect(isAllowedExternal('https://gist.github.com/')).toBe(false)
    expect(isAllowedExternal('ftp://github.com/')).toBe(false)
    expect(isAllowedExternal('not a url')).toBe(false)
  })
})

describe('permissions', () => {
  test('every request and check is denied except clipboard writing', () => {
    let request: ((c: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null
    let check: ((c: unknown, permission: string) => boolean) | null = null
    const session = {
      setPermissionRequestHandler: (h: typeof request) => {
        request = h
      },
      setPermissionCheckHandler: (h: typeof check) => {
        check = h
      },
    } as unknown as Session
    denyPermissions(session)
    const granted = (permission: string) => {
      let answer: boolean | undefined
      request!(null, permission, (ok) => {
        answer = ok
      })
      return answer
    }
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(granted(p), p).toBe(false)
      expect(check!(null, p), p).toBe(false)
    }
    expect(granted('clipboard-sanitized-write')).toBe(true)
    expect(check!(null, 'clipboard-sanitized-write')).toBe(true)
  })
})
