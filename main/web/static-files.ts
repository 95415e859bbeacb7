/**
 * Serves the built renderer (`dist/renderer/`). Paths are confined to that
 * directory; extension-less paths fall back to index.html (single-page app).
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { sendError } from './http-io'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

export function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const base = resolve(root)
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    sendError(res, 400, 'bad path')
    return
  }
  if (decoded.includes('\0')) {
    sendError(res, 400, 'bad path')
    return
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  let file = resolve(base, relative)
  if (file !== base && !file.startsWith(base + sep)) {
    sendError(res, 403, 'refused: outside the app')
    return
  }
  if (!isFile(file)) {
    if (extname(relative)) {
      sendError(res, 404, 'not found')
      return
    }
    file = join(base, 'index.html')
    if (!existsSync(file)) {
      sendError(res, 503, `the renderer is not built (no ${file}): run the renderer build, then reload`)
      return
    }
  }
  const isHtml = file.endsWith('.html')
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    // Vite fingerprints assets; the page itself must always be fresh.
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
  })
  createReadStream(file).pipe(res)
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
