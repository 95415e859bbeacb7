/**
 * Serves the built renderer from `app://playground/`, a privileged standard
 * scheme, instead of file://: the page gets a real origin (so IPC handlers can
 * check the sender's URL) and every response carries the CSP header, which
 * `session.webRequest` cannot add to file:// loads.
 *
 * Electron's `protocol` and the file fetcher (`net.fetch` of a file: URL) are
 * passed in, so the path resolution is tested in plain Node.
 */
import { statSync } from 'node:fs'
import nodePath, { type PlatformPath } from 'node:path'
import type { Protocol } from 'electron'
import { CSP } from '../core/api/content-security-policy'
import { APP_HOST, APP_SCHEME } from './app-url'

export { APP_ORIGIN, APP_SCHEME } from './app-url'

/** Must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** What a request resolves to: a file under the renderer directory, or a refusal. */
export type Resolved = { file: string } | { status: 403 | 404; reason: string }

/**
 * `app://playground/<path>` → a file under `root`. Paths without an extension are
 * app routes and get index.html; a path that leaves `root` (`..`, encoded `%2e%2e`,
 * encoded slashes, backslashes) is refused; a file that does not exist is 404.
 */
export function resolveRendererPath(
  root: string,
  requestUrl: string,
  // Injected so tests can check Windows paths (drive letters, backslashes) on any OS.
  { path = nodePath, isFile = isRegularFile }: { path?: PlatformPath; isFile?: (path: string) => boolean } = {},
): Resolved {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { status: 404, reason: 'not a URL' }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) {
    return { status: 404, reason: `unknown host ${url.host}` }
  }
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return { status: 404, reason: 'malformed percent-encoding' }
  }
  if (pathname.includes('\0')) return { status: 403, reason: 'NUL in path' }
  const relative = path.normalize(pathname).replace(/^([/\\])+/, '')
  let file = path.resolve(root, relative || 'index.html')
  if (file !== root && !file.startsWith(root + path.sep)) return { status: 403, reason: 'outside the renderer' }
  if (!path.extname(file)) file = path.join(root, 'index.html')
  if (!isFile(file)) return { status: 404, reason: 'no such file' }
  return { file }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

export interface ServeDeps {
  protocol: Pick<Protocol, 'handle'>
  /** Reads a file into a Response with its content type: `(path) => net.fetch(pathToFileURL(path).href)`. */
  fetchFile: (path: string) => Promise<Response>
}

/** The handler for `app:` requests: the renderer's files with the CSP and nosniff headers. */
export function rendererHandler(rendererDir: string, fetchFile: ServeDeps['fetchFile']) {
  const root = nodePath.resolve(rendererDir)
  return async (request: Request): Promise<Response> => {
    const resolved = resolveRendererPath(root, request.url)
    if ('status' in resolved) {
      return new Response(resolved.status === 403 ? 'refused' : 'not found', { status: resolved.status })
    }
    const res = await fetchFile(resolved.file)
    const headers = new Headers(res.headers)
    headers.set('Content-Security-Policy', CSP)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(res.body, { status: res.status, headers })
  }
}

/** After ready: answer `app://playground/<path>` from `rendererDir`. */
export function serveRenderer(deps: ServeDeps, rendererDir: string): void {
  deps.protocol.handle(APP_SCHEME, rendererHandler(rendererDir, deps.fetchFile))
}
