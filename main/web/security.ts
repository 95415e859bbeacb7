/**
 * Who may talk to the browser-mode server: only a page from this server
 * (Host and Origin must name 127.0.0.1 or localhost on our port: DNS-rebinding
 * and CSRF defence) holding the random token (an HttpOnly SameSite=Strict
 * cookie set from the printed URL, or an `x-eq-token` header). The app lives
 * under a random path prefix and the cookie is scoped to it: browsers scope
 * cookies by host, not port, so a cookie with `Path=/` would be sent to every
 * other web server on 127.0.0.1 the browser visits, which could replay it.
 * Plus the headers every response carries.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CSP } from '../core/api/content-security-policy'

export { CSP } from '../core/api/content-security-policy'

export function newToken(): string {
  return randomBytes(32).toString('hex')
}

/** The app's path: `/<32 hex>/`, unguessable, so no other local server can make the browser send the cookie. */
export function newBasePath(): string {
  return `/${randomBytes(16).toString('hex')}/`
}

/** Per port as well: two playground servers on 127.0.0.1 keep apart. */
export function cookieName(port: number): string {
  return `eq_token_${port}`
}

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

export interface Guard {
  /** Null when the Host and Origin are ours, else why not. */
  checkOrigin(req: IncomingMessage): string | null
  /** The request carries the token (cookie or header). */
  hasToken(req: IncomingMessage): boolean
  /** A `?token=` query parameter equal to the token. */
  isToken(candidate: string | null): boolean
  /** The Set-Cookie value that stores the token in the browser, for the app's path only. */
  cookie(): string
}

export function createGuard(token: string, port: number, basePath: string): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const origins = new Set([...hosts].map((h) => `http://${h}`))
  const expected = Buffer.from(token)
  const same = (candidate: string | undefined | null) => {
    if (!candidate) return false
    const got = Buffer.from(candidate)
    return got.length === expected.length && timingSafeEqual(got, expected)
  }
  const name = cookieName(port)
  return {
    checkOrigin(req) {
      if (!hosts.has(req.headers.host ?? '')) return `refused: Host "${req.headers.host ?? ''}" is not this server`
      const origin = req.headers.origin
      if (origin !== undefined && !origins.has(origin)) return `refused: Origin "${origin}" is not this server`
      return null
    },
    hasToken(req) {
      const header = req.headers['x-eq-token']
      if (same(typeof header === 'string' ? header : undefined)) return true
      return same(readCookie(req.headers.cookie, name))
    },
    isToken: (candidate) => same(candidate),
    cookie: () => `${name}=${token}; HttpOnly; SameSite=Strict; Path=${basePath}`,
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}
