/**
 * The desktop secret store: each key encrypted with Electron's safeStorage
 * (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux), the
 * ciphertexts kept in a 0600 JSON file in userData. Uses the async safeStorage
 * API (the sync one is deprecated in Electron 45); `safeStorage` is passed in.
 *
 * Availability can change between runs (a Linux keyring that is missing one day,
 * a profile restored on another machine), so the store migrates both ways:
 * - OS encryption available: keys found in the plaintext fallback (secrets.json,
 *   written while it was not) are encrypted into secrets.enc.json, then the
 *   plaintext file and its backup are removed. Blobs that the current backend
 *   cannot decrypt (saved under another keyring) stay on disk untouched and are
 *   reported as locked, not as set.
 * - OS encryption unavailable: the plaintext file store is used; the encrypted
 *   file is kept (it cannot be read without the OS, and is never overwritten),
 *   its keys are reported as locked until encryption returns. Deleting or
 *   replacing a key drops its old blob, so it cannot come back.
 * `info()` says which store is in use; Settings shows it.
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretStoreInfo, StorageNotice } from '../common/api'
import { writeFileAtomic } from '../core/settings/atomic-write'
import { createFileSecretStore, SECRETS_FILE } from '../core/settings/file-secret-store'
import type { SecretStore } from '../core/settings/secret-store'
import { readJsonObjectFile } from '../core/storage/json-file'

export const ENCRYPTED_SECRETS_FILE = 'secrets.enc.json'

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>
  getSelectedStorageBackend(): string
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

export interface SafeStorageDeps {
  safeStorage: SafeStorageLike
  platform: NodeJS.Platform
  log: (message: string) => void
}

/**
 * The encrypted blobs file: id → base64 ciphertext. Readable without decrypting
 * anything. A damaged file is recovered like every JSON file of ours (moved aside,
 * backup restored or empty) and reported through `notices`.
 */
function blobFile(dataDir: string) {
  const path = join(dataDir, ENCRYPTED_SECRETS_FILE)
  const notices: StorageNotice[] = []
  let blobs: Record<string, string> | null = null
  const load = (): Record<string, string> => {
    if (blobs) return blobs
    const next: Record<string, string> = {}
    const parsed = readJsonObjectFile(path, {
      label: 'API keys (encrypted)',
      mode: 0o600,
      onNotice: (n) => notices.push(n),
      lostWithoutBackup: 'the saved API keys are missing; set them again in Settings',
    })
    for (const [k, v] of Object.entries(parsed ?? {})) if (typeof v === 'string') next[k] = v
    blobs = next
    return next
  }
  const save = (next: Record<string, string>) => {
    writeFileAtomic(path, JSON.stringify(next, null, 2), { mode: 0o600 })
    blobs = next
  }
  return {
    path,
    load,
    notices: () => [...notices],
    put: (id: string, blob: string) => save({ ...load(), [id]: blob }),
    remove(id: string) {
      if (!(id in load())) return
      const { [id]: _removed, ...rest } = load()
      save(rest)
    },
  }
}

function backendName(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Keychain'
  if (platform === 'win32') return 'DPAPI'
  return safeStorage.getSelectedStorageBackend()
}

/** Call after `app.whenReady()`: the backend is unknown before. */
export async function createSafeStorageSecretStore(dataDir: string, deps: SafeStorageDeps): Promise<SecretStore> {
  const { safeStorage, platform, log } = deps
  let available: boolean
  try {
    available = await safeStorage.isAsyncEncryptionAvailable()
  } catch (err) {
    log(`OS encryption unavailable: ${(err as Error).message}`)
    available = false
  }
  return available
    ? openEncryptedStore(dataDir, safeStorage, backendName(safeStorage, platform), log)
    : openPlaintextFallback(dataDir, log)
}

async function openEncryptedStore(
  dataDir: string,
  safeStorage: SafeStorageLike,
  backend: string,
  log: (message: string) => void,
): Promise<SecretStore> {
  const file = blobFile(dataDir)
  const values = new Map<string, string>()
  const locked = new Set<string>()
  const encrypt = async (id: string, value: string) => {
    file.put(id, (await safeStorage.encryptStringAsync(value)).toString('base64'))
    values.set(id, value)
    locked.delete(id)
  }

  // Decrypt every saved key once: keys read on every run stay in this process's memory,
  // and blobs this backend cannot read are known (and reported) from the start.
  for (const [id, blob] of Object.entries(file.load())) {
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'))
      values.set(id, result)
      if (shouldReEncrypt) await encrypt(id, result)
    } catch {
      locked.add(id)
    }
  }
  if (locked.size > 0) {
    log(
      `${locked.size} saved key(s) cannot be decrypted with ${backend} (saved under another keyring): ${[...locked].join(', ')}`,
    )
  }

  // Keys saved in plaintext while encryption was unavailable are newer: they win.
  const plain = createFileSecretStore(dataDir)
  const plainPath = join(dataDir, SECRETS_FILE)
  if (existsSync(plainPath)) {
    const ids = await plain.ids()
    for (const id of ids) {
      const value = await plain.get(id)
      if (value !== null) await encrypt(id, value)
    }
    // The plaintext copy and the backup atomic writes keep beside it hold the same keys.
    for (const leftover of [plainPath, `${plainPath}.bak`]) rmSync(leftover, { force: true })
    log(`moved ${ids.length} key(s) from plaintext ${SECRETS_FILE} into the ${backend}-encrypted store`)
  }

  const kind: SecretStoreInfo['kind'] = backend === 'basic_text' ? 'basic-text' : 'os'
  return {
    encrypted: kind === 'os',
    info: () => ({ kind, path: file.path, backend, ...(locked.size > 0 ? { lockedIds: [...locked] } : {}) }),
    ids: async () => [...values.keys()],
    get: async (id) => values.get(id) ?? null,
    has: async (id) => values.has(id),
    set: encrypt,
    async delete(id) {
      file.remove(id)
      values.delete(id)
      locked.delete(id)
    },
    notices: () => [...file.notices(), ...(plain.notices?.() ?? [])],
  }
}

function openPlaintextFallback(dataDir: string, log: (message: string) => void): SecretStore {
  const plain = createFileSecretStore(dataDir)
  const blobs = blobFile(dataDir)
  const lockedIds = () => Object.keys(blobs.load())
  const plainPath = join(dataDir, SECRETS_FILE)
  const waiting = lockedIds()
  log(
    `OS encryption is unavailable: API keys are saved unencrypted in ${plainPath} (readable by you only)` +
      (waiting.length > 0
        ? `; ${waiting.length} key(s) saved encrypted earlier return when it is available again`
        : ''),
  )
  return {
    ...plain,
    encrypted: false,
    info: () => {
      const ids = lockedIds()
      return { kind: 'plain-file', path: plainPath, ...(ids.length > 0 ? { lockedIds: ids } : {}) }
    },
    async set(id, value) {
      await plain.set(id, value)
      blobs.remove(id)
    },
    async delete(id) {
      await plain.delete(id)
      blobs.remove(id)
    },
    notices: () => [...blobs.notices(), ...(plain.notices?.() ?? [])],
  }
}
