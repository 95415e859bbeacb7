/**
 * Where API keys live. Two implementations: Electron's safeStorage
 * (main/electron/safe-storage-secret-store.ts) and a 0600 JSON file for browser
 * mode (file-secret-store.ts). Ids are provider names (`openai`) or
 * `endpointSecretId(id)` for custom endpoints.
 */
import type { SecretStoreInfo, StorageNotice } from '../../common/api'

export interface SecretStore {
  /** False when secrets sit on disk without OS encryption; the UI says so. */
  readonly encrypted: boolean
  /** Which store is in use and where (Settings shows it). */
  info(): SecretStoreInfo
  /** The ids of every saved key (used to migrate between stores). */
  ids(): Promise<string[]>
  get(id: string): Promise<string | null>
  set(id: string, value: string): Promise<void>
  delete(id: string): Promise<void>
  has(id: string): Promise<boolean>
  /** Damaged files found while loading (moved aside, restored from backup or emptied); optional. */
  notices?(): StorageNotice[]
}

/** The secret id of a custom endpoint's key (kept apart from provider names). */
export function endpointSecretId(endpointId: string): string {
  return `endpoint:${endpointId}`
}

/** An in-memory store, for tests. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const map = new Map(Object.entries(initial))
  return {
    encrypted: false,
    info: () => ({ kind: 'memory', path: null }),
    ids: async () => [...map.keys()],
    get: async (id) => map.get(id) ?? null,
    set: async (id, value) => {
      map.set(id, value)
    },
    delete: async (id) => {
      map.delete(id)
    },
    has: async (id) => map.has(id),
  }
}

/**
 * Sent to custom endpoints that have no key: an OpenAI-compatible server without
 * auth ignores it, and it keeps the engine from falling back to OPENAI_API_KEY
 * from the environment, which must never reach a third party.
 */
export const ENDPOINT_NO_KEY = 'no-key'
