/**
 * The browser-mode server: the built renderer and PlaygroundApi over HTTP on
 * 127.0.0.1 only, under a random path prefix, behind the token and
 * Host/Origin checks of security.ts and the connection limits of
 * connection-limits.ts. The wire protocol is documented in PROTOCOL.md (keep
 * the two in step).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PlaygroundApi } from '../common/api'
import { API_METHODS, isApiMethod } from '../core/api/api-dispatch'
import { InputError } from '../core/api/input-error'
import { scrub } from '../core/settings/scrub'
import { StorageError } from '../core/storage/storage-error'
import { applyConnectionLimits, type ConnectionLimits, DEFAULT_LIMITS, serverOptions } from './connection-limits'
import { HttpError, readJson, sendError, sendJson } from './http-io'
import { stopRun, streamRun } from './run-routes'
import { createGuard, type Guard, newBasePath, newToken, setSecurityHeaders } from './security'
import { serveStatic } from './static-files'

export interface WebServerOptions {
  api: PlaygroundApi
  /** The built renderer (dist/renderer). */
  staticDir: string
  /** 0 picks a free port. */
  port?: number
  token?: string
  /** The app's path prefix, `/<something>/` (default: random). */
  basePath?: string
  limits?: Partial<ConnectionLimits>
  log?: (message: string) => void
}

export interface WebServer {
  /** The app's base URL, `http://127.0.0.1:PORT/<prefix>` (no trailing slash): API calls go to `${url}/api/…`. */
  url: string
  /** The URL to open: carries the token once; the server trades it for a cookie. */
  launchUrl: string
  /** `/<prefix>/`: every route lives under it, and the cookie is scoped to it. */
  basePath: string
  port: number
  token: string
  /** Sockets open right now (what the connection limits bound). */
  openConnections(): Promise<number>
  close(): Promise<void>
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken()
  const basePath = options.basePath ?? newBasePath()
  if (!/^\/[A-Za-z0-9_-]+\/$/.test(basePath)) throw new Error(`basePath must look like /prefix/, got ${basePath}`)
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const log = options.log ?? ((m: string) => console.error(m))
  let guard: Guard | null = null
  const server = createServer({ noDelay: true, ...serverOptions(limits) }, (req, res) => {
    setSecurityHeaders(res)
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(res, err.status, err.message)
      if (err instanceof InputError) return sendError(res, 400, err.message)
      // Names the file and the cause, never its bytes; 507 when the disk is full.
      if (err instanceof StorageError)
        return sendError(res, err.problem === 'disk-full' ? 507 : 500, `${err.message} ${err.hint}`)
      const message = scrub((err as Error)?.message ?? String(err))
      log(`web: ${req.method} ${req.url?.split('?')[0]} failed: ${scrub((err as Error)?.stack ?? message)}`)
      sendError(res, 500, message)
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const g = guard!
    const refused = g.checkOrigin(req)
    if (refused) return sendError(res, 403, refused)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    // Outside the app's path: nothing here (and no hint of where the app is).
    if (!url.pathname.startsWith(basePath)) {
      if (url.pathname === basePath.slice(0, -1)) {
        res.writeHead(308, { Location: `${basePath}${url.search}`, 'Cache-Control': 'no-store' })
        return void res.end()
      }
      return sendError(res, 404, 'not found: open the URL the server printed')
    }
    if (req.method === 'GET' && url.searchParams.has('token')) {
      if (!g.isToken(url.searchParams.get('token'))) return sendError(res, 403, 'refused: wrong token')
      url.searchParams.delete('token')
      res.writeHead(302, {
        Location: `${url.pathname}${url.search}`,
        'Set-Cookie': g.cookie(),
        'Cache-Control': 'no-store',
      })
      return void res.end()
    }
    if (!g.hasToken(req)) {
      return sendError(res, 403, 'refused: open the URL the server printed (it carries the access token)')
    }
    const path = url.pathname.slice(basePath.length - 1) // keeps the leading '/'
    if (path.startsWith('/api/')) return api(req, res, path.slice('/api/'.length))
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'only GET for files')
    serveStatic(options.staticDir, path, res)
  }

  async function api(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'API calls are POST')
    if (route === 'runs') return streamRun(options.api, req, res)
    const stop = /^runs\/([^/]+)\/stop$/.exec(route)
    if (stop) return sendJson(res, 200, { result: await stopRun(options.api, decodePathSegment(stop[1]!), req) })
    if (!isApiMethod(route)) return sendError(res, 404, `unknown API method "${route}"`)
    const args = (await readJson(req)) ?? []
    if (!Array.isArray(args)) throw new InputError('the body is the JSON array of the arguments')
    const result = await API_METHODS[route](options.api, args)
    sendJson(res, 200, { result: result ?? null })
  }

  applyConnectionLimits(server, limits)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  guard = createGuard(token, port, basePath)
  const url = `http://127.0.0.1:${port}${basePath.slice(0, -1)}`
  return {
    url,
    launchUrl: `${url}/?token=${token}`,
    basePath,
    port,
    token,
    openConnections: () =>
      new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n)))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new InputError('bad run id in the path')
  }
}
