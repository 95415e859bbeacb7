/**
 * Browser mode's secret store: a JSON file readable by the user only (0600) in
 * the data directory. Not encrypted (`encrypted: false`): the settings page says
 * so. Keys are cached in memory after the first read. A damaged file is moved
 * aside and replaced by its backup (json-file.ts), so a later `set` never
 * writes a file holding only the new key while the others sit in a backup; a
 * file that cannot be read at all fails every call instead of being overwritten.
 */
import { chmodSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { StorageNotice } from '../../common/api'
import { readJsonObjectFile } from '../storage/json-file'
import { storageFailure } from '../storage/storage-error'
import { writeFileAtomic } from './atomic-write'
import type { SecretStore } from './secret-store'

export const SECRETS_FILE = 'secrets.json'

export function createFileSecretStore(dataDir: string): SecretStore {
  const path = join(dataDir, SECRETS_FILE)
  const notices: StorageNotice[] = []
  let cache: Record<string, string> | null = null

  const load = (): Record<string, string> => {
    if (cache) return cache
    // An older file may have looser permissions: tighten before reading.
    if (existsSync(path)) chmodSync(path, 0o600)
    const raw = readJsonObjectFile(path, {
      label: 'API keys',
      mode: 0o600,
      onNotice: (n) => notices.push(n),
      lostWithoutBackup: 'the saved API keys are missing; set them again in Settings',
    })
    const keys: Record<string, string> = {}
    for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string') keys[k] = v
    cache = keys
    return keys
  }
  const save = (next: Record<string, string>) => {
    try {
      writeFileAtomic(path, JSON.stringify(next, null, 2), { mode: 0o600 })
    } catch (err) {
      throw storageFailure(err, path, 'The API key')
    }
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
    notices: () => [...notices],
  }
}
