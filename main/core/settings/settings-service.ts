/**
 * The Settings half of PlaygroundApi: assembles the renderer's `Settings` view
 * (key status only, never a key) and applies changes to the settings file and
 * the secret store.
 */
import type { CustomEndpoint, Settings, StorageNotice, UpdateStatus } from '../../common/api'
import { type ParamRange, rangeProblem } from '../../common/param-ranges'
import { newId } from '../api/ids'
import { InputError } from '../api/input-error'
import type { EngineProvider } from '../engine'
import type { Keys } from './keys'
import { endpointSecretId, type SecretStore } from './secret-store'
import type { SettingsStore } from './settings-store'

export interface EndpointInput {
  id?: string
  name: string
  baseUrl: string
  key?: string | null
}

export interface SettingsService {
  get(): Promise<Settings>
  setKey(provider: string, key: string | null): Promise<Settings>
  saveEndpoint(input: EndpointInput): Promise<Settings>
  deleteEndpoint(id: string): Promise<Settings>
  update(patch: Partial<Pick<Settings, 'theme' | 'simulated' | 'streamTimeoutS'>>): Promise<Settings>
}

/** Browser mode runs from a checkout: nothing replaces itself. */
export const BROWSER_MODE_UPDATES: UpdateStatus = {
  mode: 'off',
  reason: 'browser mode runs from source: update it with git pull and npm start',
}

export function createSettingsService(deps: {
  store: SettingsStore
  secrets: SecretStore
  keys: Keys
  providers: () => EngineProvider[]
  /** Whether the app updates itself (the desktop shell knows; browser mode never does). */
  updates?: () => UpdateStatus
  /** The parameter table (param-table.ts): `stream_timeout`'s row bounds the stall timeout. */
  ranges?: () => readonly ParamRange[]
  /** Notices of the app's other files (the draft), shown with the settings' own. */
  otherNotices?: () => StorageNotice[]
}): SettingsService {
  const { store, secrets, keys, providers } = deps
  const updates = deps.updates ?? (() => BROWSER_MODE_UPDATES)

  const get = async (): Promise<Settings> => {
    const s = store.read()
    const keyStatus: Settings['keys'] = {}
    for (const p of providers()) if (p.key_env) keyStatus[p.name] = await keys.status(p.name)
    const endpoints: CustomEndpoint[] = []
    for (const e of s.endpoints) endpoints.push({ ...e, hasKey: await secrets.has(endpointSecretId(e.id)) })
    return {
      theme: s.theme,
      keys: keyStatus,
      endpoints,
      secretsEncrypted: secrets.encrypted,
      secretStore: secrets.info(),
      updates: updates(),
      simulated: { ...s.simulated },
      streamTimeoutS: s.streamTimeoutS,
      recentModels: [...s.recentModels],
      storageNotices: [...store.notices(), ...(secrets.notices?.() ?? []), ...(deps.otherNotices?.() ?? [])],
    }
  }

  return {
    get,
    async setKey(provider, key) {
      if (!providers().some((p) => p.name === provider && p.key_env)) {
        throw new InputError(`unknown provider "${provider}" (or it takes no key)`)
      }
      const trimmed = key?.trim()
      if (trimmed) await secrets.set(provider, trimmed)
      else await secrets.delete(provider)
      return get()
    },
    async saveEndpoint(input) {
      const name = typeof input.name === 'string' ? input.name.trim() : ''
      if (!name) throw new InputError('an endpoint needs a name')
      const baseUrl = normalizeBaseUrl(input.baseUrl)
      const existing = input.id ? store.read().endpoints.find((e) => e.id === input.id) : undefined
      if (input.id && !existing) throw new InputError(`unknown endpoint "${input.id}"`)
      const id = existing?.id ?? newId('ep')
      store.update((s) => ({
        ...s,
        endpoints: existing
          ? s.endpoints.map((e) => (e.id === id ? { id, name, baseUrl } : e))
          : [...s.endpoints, { id, name, baseUrl }],
      }))
      // `key` absent: keep the stored key; null or empty: remove it.
      if (input.key !== undefined) {
        const key = input.key?.trim()
        if (key) await secrets.set(endpointSecretId(id), key)
        else await secrets.delete(endpointSecretId(id))
      }
      return get()
    },
    async deleteEndpoint(id) {
      store.update((s) => ({ ...s, endpoints: s.endpoints.filter((e) => e.id !== id) }))
      await secrets.delete(endpointSecretId(id))
      return get()
    },
    async update(patch) {
      store.update((s) => {
        const next = { ...s }
        if (patch.theme !== undefined) {
          if (!['light', 'dark', 'system'].includes(patch.theme)) throw new InputError(`unknown theme "${patch.theme}"`)
          next.theme = patch.theme
        }
        if (patch.simulated !== undefined) {
          const { ttftMs, tokensPerSecond } = patch.simulated
          if (!(Number.isFinite(ttftMs) && ttftMs >= 0 && ttftMs <= 60_000)) {
            throw new InputError('simulated first-token delay must be 0 to 60000 ms')
          }
          if (!(Number.isFinite(tokensPerSecond) && tokensPerSecond > 0 && tokensPerSecond <= 10_000)) {
            throw new InputError('simulated token rate must be above 0 and at most 10000 tokens/s')
          }
          next.simulated = { ttftMs, tokensPerSecond }
        }
        if (patch.streamTimeoutS !== undefined) {
          const value = patch.streamTimeoutS
          const row = deps.ranges?.().find((r) => r.name === 'stream_timeout')
          const problem = value === null ? null : row ? rangeProblem(row, value) : null
          if (problem)
            throw new InputError(`the stall timeout is ${value} s: ${problem} seconds, or clear it for no limit`)
          next.streamTimeoutS = value
        }
        return next
      })
      return get()
    },
  }
}

function normalizeBaseUrl(raw: unknown): string {
  if (typeof raw !== 'string') throw new InputError('an endpoint needs a base URL')
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new InputError(`"${raw}" is not a URL (e.g. http://localhost:8000/v1)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError('the base URL must be http or https')
  if (url.username || url.password) throw new InputError('put the key in the key field, not in the URL')
  return url.toString().replace(/\/+$/, '')
}
