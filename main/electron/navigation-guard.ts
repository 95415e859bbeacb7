/**
 * Applied to every web contents the app creates: no navigation away from the
 * app, no new windows (https links from an allow-list open in the user's
 * browser instead), no <webview>, and every permission request denied but
 * clipboard writing. `app` and `shell.openExternal` are passed in (main.ts
 * passes Electron's; the tests pass fakes).
 */
import type { Session, WebContents } from 'electron'

/** The part of Electron's `app` this module listens on (the real `app` fits). */
export interface WebContentsSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): unknown
}

/** Links the UI may open externally: provider consoles (to get a key) and the project's docs. */
const EXTERNAL_ALLOW = [
  'platform.openai.com',
  'console.anthropic.com',
  'aistudio.google.com',
  'console.groq.com',
  'console.mistral.ai',
  'platform.deepseek.com',
  'openrouter.ai',
  'console.x.ai',
  'api.together.ai',
  'fireworks.ai',
  'www.perplexity.ai',
  'ollama.com',
  'lmstudio.ai',
  'github.com',
]

export function isAllowedExternal(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && !url.username && !url.password && EXTERNAL_ALLOW.includes(url.hostname)
  } catch {
    return false
  }
}

export function guardNavigation(
  app: WebContentsSource,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => Promise<void>,
): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void openExternal(url)
      return { action: 'deny' }
    })
  })
}

/** The one permission the UI needs: writing to the clipboard ("copy snippet", "copy output"). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

export function denyPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  )
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
}
