/**
 * Browser mode's secret store: a JSON file readable by the user only (0600) in
 * the data directory. Not encrypted (`encrypted: false`): the settings page says
 * so. Keys are cached in memory after the first read.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write'
import type { SecretStore } from './secret-store'

export const SECRETS_FILE = 'secrets.json'

export function createFileSecretStore(dataDir: string): SecretStore {
  const path = join(dataDir, SECRETS_FILE)
  let cache: Record<string, string> | null = null

  const load = (): Record<string, string> => {
    if (cache) return cache
    cache = {}
    if (existsSync(path)) {
      // An older file may have looser permissions: tighten before reading.
      chmodSync(path, 0o600)
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
      if (parsed && typeof parsed === 'object') {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') cache[k] = v
      }
    }
    return cache
  }
  const save = (next: Record<string, string>) => {
    writeFileAtomic(path, JSON.stringify(next, null, 2), { mode: 0o600 })
    cache = next
  }

  return {
    encrypted: false,
    info: () => ({ kind: 'plain-file', path }),
    ids: async () => Object.keys(load()),
    get: async (id) => load()[id] ?? null,
    has: async (id) => id in load(),
    set: async (id, value) => save({ ...load(), [id]: value }),
    delete: async (id) => {
      const { [id]: _removed, ...rest } = load()
      save(rest)
    },
  }
}
