import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createFileSecretStore, SECRETS_FILE } from '../core/settings/file-secret-store'
import { createSafeStorageSecretStore, ENCRYPTED_SECRETS_FILE, type SafeStorageLike } from './safe-storage-secret-store'

/**
 * safeStorage as the OS gives it: `available` or not, a Linux `backend`, and a
 * reversible cipher keyed by the backend (a blob from another keyring does not decrypt).
 */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}) {
  const backend = opts.backend ?? 'gnome_libsecret'
  const calls = { encrypt: 0, decrypt: 0 }
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    getSelectedStorageBackend: () => backend,
    async encryptStringAsync(plainText) {
      if (opts.available === false) throw new Error('Encryption is not available.')
      calls.encrypt++
      return Buffer.from(`${backend}|${Buffer.from(plainText).toString('hex')}`)
    },
    async decryptStringAsync(encrypted) {
      if (opts.available === false) throw new Error('Decryption is not available.')
      calls.decrypt++
      const [key, hex] = encrypted.toString().split('|')
      if (key !== backend)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return { result: Buffer.from(hex ?? '', 'hex').toString(), shouldReEncrypt: opts.reEncrypt ?? false }
    },
  }
  return { safeStorage, calls }
}

let dir: string
let logs: string[]
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-safe-'))
  logs = []
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = (safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux') =>
  createSafeStorageSecretStore(dir, { safeStorage, platform, log: (m) => logs.push(m) })
const encFile = () => join(dir, ENCRYPTED_SECRETS_FILE)
const plainFile = () => join(dir, SECRETS_FILE)
const onDisk = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '')

describe('OS encryption available', () => {
  test('keys are saved encrypted in a 0600 file, never in plaintext, and read back after a restart', async () => {
    const { safeStorage } = fakeSafeStorage()
    const store = await open(safeStorage)
    await store.set('openai', 'sk-secret-1')
    await store.set('endpoint:e1', 'sk-secret-2')
    expect(onDisk(encFile())).not.toContain('sk-secret')
    expect(existsSync(plainFile())).toBe(false)
    if (process.platform !== 'win32') expect(statSync(encFile()).mode & 0o777).toBe(0o600)
    const again = await open(safeStorage)
    expect(await again.get('openai')).toBe('sk-secret-1')
    expect(await again.has('endpoint:e1')).toBe(true)
    expect((await again.ids()).sort()).toEqual(['endpoint:e1', 'openai'])
    await again.delete('openai')
    expect(await (await open(safeStorage)).has('openai')).toBe(false)
  })

  test('info names the OS store and backend on each platform', async () => {
    const linux = await open(fakeSafeStorage({ backend: 'kwallet5' }).safeStorage, 'linux')
    expect(linux.encrypted).toBe(true)
    expect(linux.info()).toEqual({ kind: 'os', path: encFile(), backend: 'kwallet5' })
    expect((await open(fakeSafeStorage().safeStorage, 'darwin')).info()).toMatchObject({
      kind: 'os',
      backend: 'Keychain',
    })
    expect((await open(fakeSafeStorage().safeStorage, 'win32')).info()).toMatchObject({ kind: 'os', backend: 'DPAPI' })
  })

  test('Linux basic_text: still safeStorage, but reported as no real protection', async () => {
    const store = await open(fakeSafeStorage({ backend: 'basic_text' }).safeStorage, 'linux')
    expect(store.encrypted).toBe(false)
    expect(store.info()).toEqual({ kind: 'basic-text', path: encFile(), backend: 'basic_text' })
    await store.set('openai', 'sk-basic')
    expect(onDisk(encFile())).not.toContain('sk-basic')
  })

  test('decrypts once at open, not on every read; re-encrypts when the OS asks', async () => {
    const { safeStorage } = fakeSafeStorage()
    await (await open(safeStorage)).set('openai', 'sk-1')
    const rotating = fakeSafeStorage({ reEncrypt: true })
    const store = await open(rotating.safeStorage)
    expect(rotating.calls).toEqual({ decrypt: 1, encrypt: 1 })
    for (let i = 0; i < 5; i++) expect(await store.get('openai')).toBe('sk-1')
    expect(rotating.calls.decrypt).toBe(1)
  })

  test('a blob saved under another keyring is kept, reported locked, and replaced by a new save', async () => {
    await (await open(fakeSafeStorage({ backend: 'gnome_libsecret' }).safeStorage)).set('openai', 'sk-old')
    const before = onDisk(encFile())
    const store = await open(fakeSafeStorage({ backend: 'basic_text' }).safeStorage)
    expect(await store.has('openai')).toBe(false)
    expect(await store.get('openai')).toBeNull()
    expect(store.info().lockedIds).toEqual(['openai'])
    expect(onDisk(encFile())).toBe(before)
    expect(logs.join('\n')).toContain('cannot be decrypted with basic_text')
    await store.set('openai', 'sk-new')
    expect(store.info().lockedIds).toBeUndefined()
    expect(await store.get('openai')).toBe('sk-new')
  })
})

describe('OS encryption unavailable: the plaintext fallback', () => {
  test('keys go to the 0600 plaintext file and the store says so', async () => {
    const store = await open(fakeSafeStorage({ available: false }).safeStorage)
    expect(store.encrypted).toBe(false)
    expect(store.info()).toEqual({ kind: 'plain-file', path: plainFile() })
    await store.set('openai', 'sk-plain')
    expect(JSON.parse(onDisk(plainFile()))).toEqual({ openai: 'sk-plain' })
    if (process.platform !== 'win32') expect(statSync(plainFile()).mode & 0o777).toBe(0o600)
    expect(existsSync(encFile())).toBe(false)
    expect(logs.join('\n')).toContain(`saved unencrypted in ${plainFile()}`)
  })

  test('an isAsyncEncryptionAvailable that throws counts as unavailable', async () => {
    const { safeStorage } = fakeSafeStorage()
    safeStorage.isAsyncEncryptionAvailable = async () => {
      throw new Error('keyring daemon crashed')
    }
    expect((await open(safeStorage)).info().kind).toBe('plain-file')
    expect(logs[0]).toContain('keyring daemon crashed')
  })
})

describe('migration when availability changes', () => {
  test('available → unavailable → available: nothing is lost, the newer value wins, plaintext is removed', async () => {
    const os = fakeSafeStorage().safeStorage
    const first = await open(os)
    await first.set('openai', 'sk-enc-openai')
    await first.set('anthropic', 'sk-enc-anthropic')
    await first.set('groq', 'sk-enc-groq')
    const encBefore = onDisk(encFile())

    // The keyring goes away: encrypted keys are locked (kept on disk), new ones go to plaintext.
    const fallback = await open(fakeSafeStorage({ available: false }).safeStorage)
    expect(fallback.info()).toEqual({
      kind: 'plain-file',
      path: plainFile(),
      lockedIds: ['openai', 'anthropic', 'groq'],
    })
    expect(await fallback.has('openai')).toBe(false)
    expect(onDisk(encFile())).toBe(encBefore)
    await fallback.set('openai', 'sk-plain-openai') // replaces the locked one
    await fallback.set('mistral', 'sk-plain-mistral')
    await fallback.delete('groq') // deleted while locked: must not come back
    expect(fallback.info().lockedIds).toEqual(['anthropic'])
    // An atomic-write backup of the plaintext file, as the file store may keep.
    writeFileSync(`${plainFile()}.bak`, onDisk(plainFile()))

    // The keyring is back: plaintext keys move into the encrypted store.
    const back = await open(os)
    expect(back.info()).toEqual({ kind: 'os', path: encFile(), backend: 'gnome_libsecret' })
    expect(await back.get('openai')).toBe('sk-plain-openai')
    expect(await back.get('anthropic')).toBe('sk-enc-anthropic')
    expect(await back.get('mistral')).toBe('sk-plain-mistral')
    expect(await back.has('groq')).toBe(false)
    expect(existsSync(plainFile())).toBe(false)
    expect(existsSync(`${plainFile()}.bak`)).toBe(false)
    expect(onDisk(encFile())).not.toContain('sk-')
    expect(logs.join('\n')).toContain(`moved 2 key(s) from plaintext ${SECRETS_FILE}`)
  })

  test('any plaintext secrets.json in the data directory is adopted, encrypted, and removed', async () => {
    await createFileSecretStore(dir).set('openai', 'sk-from-browser-mode')
    const store = await open(fakeSafeStorage().safeStorage, 'darwin')
    expect(await store.get('openai')).toBe('sk-from-browser-mode')
    expect(existsSync(plainFile())).toBe(false)
    expect(onDisk(encFile())).not.toContain('sk-from-browser-mode')
  })
})

describe('a damaged secrets.enc.json', () => {
  test('is moved aside, the backup restored, the UI told with both paths; saving keeps the other keys', async () => {
    const { safeStorage } = fakeSafeStorage()
    const first = await open(safeStorage)
    await first.set('openai', 'sk-secret-1')
    await first.set('anthropic', 'sk-ant-secret-2') // the previous file is now the .bak
    await first.set('groq', 'gsk-secret-3')
    writeFileSync(encFile(), '{"openai": "Z3Nr', 'utf8') // torn mid-write by a crash or a full disk

    const store = await open(safeStorage)
    const notices = store.notices?.() ?? []
    expect(notices).toHaveLength(1)
    expect(notices[0]?.file).toBe(encFile())
    expect(notices[0]?.restoredFrom).toBe('backup')
    expect(existsSync(notices[0]?.movedTo ?? '')).toBe(true)
    expect(notices[0]?.message).not.toContain('Z3Nr') // the damaged bytes are never quoted
    expect(await store.get('openai')).toBe('sk-secret-1')
    expect(await store.get('anthropic')).toBe('sk-ant-secret-2')
    await store.set('xai', 'xai-secret-4')
    const again = await open(safeStorage)
    expect((await again.ids()).sort()).toEqual(['anthropic', 'openai', 'xai'])
  })

  test('with no sound backup the app starts with no keys and says they must be set again', async () => {
    writeFileSync(encFile(), 'not json at all', 'utf8')
    const store = await open(fakeSafeStorage().safeStorage)
    const [notice] = store.notices?.() ?? []
    expect(notice?.restoredFrom).toBe('defaults')
    expect(notice?.message).toMatch(/set them again/)
    expect(await store.ids()).toEqual([])
  })

  test('the plaintext fallback reports a damaged encrypted file too', async () => {
    writeFileSync(encFile(), '[1,', 'utf8')
    const store = await open(fakeSafeStorage({ available: false }).safeStorage)
    expect((store.notices?.() ?? []).map((n) => n.file)).toEqual([encFile()])
  })
})
