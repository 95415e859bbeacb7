import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

/** Same policy as the shells send (main/web/PROTOCOL.md); a meta tag so file:// loads carry it too. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'"

/** Only in the build: the dev server's React refresh preamble is an inline script. */
const cspMeta: Plugin = {
  name: 'edgequake-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
  ],
}

/**
 * The renderer build. `base: './'` because Electron loads it from `file://` and the
 * browser-mode server from `/`; no inline scripts, so the CSP `script-src 'self'` holds.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspMeta],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Vite's module-preload polyfill is an inline script: the CSP forbids it.
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
})
