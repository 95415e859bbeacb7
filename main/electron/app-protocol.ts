/**
 * Serves the built renderer from `app://playground/`, a privileged standard
 * scheme, instead of file://: the page gets a real origin (so IPC handlers can
 * check the sender's URL) and every response carries the CSP header, which
 * `session.webRequest` cannot add to file:// loads.
 */
import { extname, join, normalize, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { CSP } from '../core/content-security-policy'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://playground`

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** After ready: answer `app://playground/<path>` from `rendererDir`, index.html for app routes. */
export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'playground') return new Response('not found', { status: 404 })
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '')
    let file = resolve(root, relative || 'index.html')
    if (file !== root && !file.startsWith(root + sep)) return new Response('refused', { status: 403 })
    if (!extname(file)) file = join(root, 'index.html')
    const res = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(res.headers)
    headers.set('Content-Security-Policy', CSP)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(res.body, { status: res.status, headers })
  })
}
