import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, win32 } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CSP } from '../core/api/content-security-policy'
import { APP_SCHEME, registerAppScheme, rendererHandler, resolveRendererPath, serveRenderer } from './app-protocol'

let root: string
let outside: string

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'eq-protocol-'))
  root = join(base, 'renderer')
  outside = join(base, 'secret.txt')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(outside, 'not for the page')
})
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }))

const fileOf = (url: string) => {
  const r = resolveRendererPath(root, url)
  return 'file' in r ? r.file : r.status
}

describe('resolveRendererPath', () => {
  test('files under the renderer directory, index.html for the root and for app routes', () => {
    expect(fileOf('app://playground/')).toBe(join(root, 'index.html'))
    expect(fileOf('app://playground/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
    expect(fileOf('app://playground/assets/app.js?v=2#x')).toBe(join(root, 'assets', 'app.js'))
    expect(fileOf('app://playground/history')).toBe(join(root, 'index.html'))
    expect(fileOf('app://playground/settings/keys')).toBe(join(root, 'index.html'))
  })

  test('unknown files and hosts are 404', () => {
    expect(fileOf('app://playground/assets/missing.js')).toBe(404)
    expect(fileOf('app://playground/assets')).toBe(join(root, 'index.html'))
    expect(fileOf('app://other/index.html')).toBe(404)
    expect(fileOf('app://playground/%E0%A4%A')).toBe(404)
  })

  test('traversal never leaves the renderer directory: dots, encoded dots, encoded slashes', () => {
    for (const url of [
      'app://playground/../secret.txt',
      'app://playground/%2e%2e/secret.txt',
      'app://playground/.%2E/secret.txt',
      'app://playground/..%2fsecret.txt',
      'app://playground/assets/..%2f..%2fsecret.txt',
      'app://playground/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://playground/..%5c..%5csecret.txt',
    ]) {
      const r = resolveRendererPath(root, url)
      expect('file' in r ? r.file : null, url).not.toBe(outside)
      if ('file' in r) expect(r.file.startsWith(root), url).toBe(true)
    }
  })

  test('a NUL byte is refused', () => {
    expect(fileOf('app://playground/index.html%00.js')).toBe(403)
  })

  test('on Windows: backslashes and drive letters cannot leave the directory', () => {
    const winRoot = 'C:\\Program Files\\EQ\\resources\\renderer'
    const exists = () => true
    const win = (url: string) => {
      const r = resolveRendererPath(winRoot, url, { path: win32, isFile: exists })
      return 'file' in r ? r.file : r.status
    }
    expect(win('app://playground/assets/app.js')).toBe(`${winRoot}\\assets\\app.js`)
    expect(win('app://playground/C:%5cWindows%5cwin.ini')).toBe(403)
    expect(win('app://playground/..%5c..%5c..%5cWindows%5cwin.ini')).toBe(`${winRoot}\\Windows\\win.ini`)
    expect(win('app://playground/%5c%5cserver%5cshare%5cx.js')).toBe(`${winRoot}\\server\\share\\x.js`)
  })
})

describe('the app: protocol', () => {
  const fetchFile = async (path: string) =>
    new Response(readFileSync(path), {
      headers: { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' },
    })

  test('registered before ready as a privileged standard, secure scheme', () => {
    const calls: unknown[] = []
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => calls.push(schemes) })
    expect(calls).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]])
  })

  test('serveRenderer handles the app scheme', () => {
    const handled: string[] = []
    serveRenderer({ protocol: { handle: (scheme) => handled.push(scheme) }, fetchFile }, root)
    expect(handled).toEqual([APP_SCHEME])
  })

  test('responses carry the CSP and nosniff; refusals are 403/404 without reading any file', async () => {
    const read: string[] = []
    const handler = rendererHandler(root, async (p) => {
      read.push(p)
      return fetchFile(p)
    })
    const ok = await handler(new Request('app://playground/assets/app.js'))
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('console.log(1)')
    expect(ok.headers.get('content-type')).toBe('text/javascript')
    expect(ok.headers.get('content-security-policy')).toBe(CSP)
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await handler(new Request('app://playground/nope.css'))).status).toBe(404)
    expect((await handler(new Request('app://playground/index.html%00.js'))).status).toBe(403)
    expect(read).toEqual([join(root, 'assets', 'app.js')])
  })
})
