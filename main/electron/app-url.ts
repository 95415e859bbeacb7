/**
 * Which URLs are the app's own page: `app://playground/...` (and, in development,
 * the Vite dev server). Used to accept IPC senders and navigations.
 *
 * Compares scheme and host, never `URL.origin`: Node's WHATWG URL gives the origin
 * "null" for non-special schemes (`new URL('app://playground/').origin === 'null'`
 * in the main process, whatever Chromium says in the page), so an origin check
 * refuses the app's own page.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'playground'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** A URL's scheme and host (with port), or null when it does not parse. */
function schemeAndHost(url: string): { protocol: string; host: string } | null {
  try {
    const u = new URL(url)
    if (u.username || u.password) return null
    // Chromium lowercases the host of a standard scheme (app: is registered as one);
    // Node's URL keeps a non-special scheme's host as written.
    return { protocol: u.protocol, host: u.host.toLowerCase() }
  } catch {
    return null
  }
}

/** `devUrl`: the dev server's URL when the renderer is served by Vite (development only). */
export function createAppUrlCheck(devUrl?: string): (url: string) => boolean {
  const allowed = [{ protocol: `${APP_SCHEME}:`, host: APP_HOST }]
  const dev = devUrl === undefined ? null : schemeAndHost(devUrl)
  if (dev) allowed.push(dev)
  return (url) => {
    const u = schemeAndHost(url)
    return u !== null && allowed.some((a) => a.protocol === u.protocol && a.host === u.host)
  }
}
