/**
 * The desktop secret store: each key encrypted with Electron's safeStorage
 * (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux), the
 * ciphertexts kept in a 0600 JSON file in userData. On Linux the `basic_text`
 * backend is no real protection, and when encryption is unavailable we fall
 * back to the plain file store: both report `encrypted: false` so Settings
 * can tell the user. Uses the async safeStorage API (the sync one is
 * deprecated in Electron 45).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { safeStorage } from 'electron'
import { writeFileAtomic } from '../core/settings/atomic-write'
import { createFileSecretStore } from '../core/settings/file-secret-store'
import type { SecretStore } from '../core/settings/secret-store'
import { isLinux } from './platform'

export const ENCRYPTED_SECRETS_FILE = 'secrets.enc.json'

/** Call after `app.whenReady()`: the backend is unknown before. */
export async function createSafeStorageSecretStore(dataDir: string): Promise<SecretStore> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return createFileSecretStore(dataDir)
  const encrypted = !(isLinux && safeStorage.getSelectedStorageBackend() === 'basic_text')
  const path = join(dataDir, ENCRYPTED_SECRETS_FILE)
  let blobs: Record<string, string> | null = null

  const load = (): Record<string, string> => {
    if (blobs) return blobs
    blobs = {}
    if (existsSync(path)) {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
      if (parsed && typeof parsed === 'object') {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') blobs[k] = v
      }
    }
    return blobs
  }
  const save = (next: Record<string, string>) => {
    writeFileAtomic(path, JSON.stringify(next, null, 2), { mode: 0o600 })
    blobs = next
  }
  const set = async (id: string, value: string) => {
    const blob = await safeStorage.encryptStringAsync(value)
    save({ ...load(), [id]: blob.toString('base64') })
  }

  return {
    encrypted,
    async get(id) {
      const blob = load()[id]
      if (blob === undefined) return null
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'))
      if (shouldReEncrypt) await set(id, result)
      return result
    },
    has: async (id) => id in load(),
    set,
    async delete(id) {
      const { [id]: _removed, ...rest } = load()
      save(rest)
    },
  }
}
