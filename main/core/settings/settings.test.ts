import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FAKE_PROVIDERS } from '../../../test/doubles/fake-engine'
import { writeFileAtomic } from './atomic-write'
import { createFileSecretStore, SECRETS_FILE } from './file-secret-store'
import { createKeys } from './keys'
import { createMemorySecretStore, endpointSecretId } from './secret-store'
import { createSettingsService } from './settings-service'
import { createSettingsStore, SETTINGS_FILE, withRecentModels } from './settings-store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-settings-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const mode = (path: string) => statSync(path).mode & 0o777

describe('atomic write', () => {
  test('replaces the file whole, keeps the previous one as .bak, leaves no temp file behind', () => {
    const path = join(dir, 'a.json')
    writeFileAtomic(path, 'first')
    writeFileAtomic(path, 'second')
    expect(readFileSync(path, 'utf8')).toBe('second')
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('first')
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'a.json.bak'])
  })

  test('creates the file with the requested mode before writing', () => {
    const path = join(dir, 'secret.json')
    writeFileAtomic(path, '{}', { mode: 0o600 })
    expect(mode(path)).toBe(0o600)
  })
})

describe('settings store', () => {
  test('defaults, persists changes, reloads them', () => {
    const store = createSettingsStore(dir)
    expect(store.read()).toMatchObject({ theme: 'system', simulated: { ttftMs: 250, tokensPerSecond: 60 } })
    store.update((s) => ({ ...s, theme: 'dark' }))
    expect(createSettingsStore(dir).read().theme).toBe('dark')
  })

  test('a damaged or foreign file falls back to defaults field by field', () => {
    writeFileSync(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ theme: 'neon', simulated: { ttftMs: -1 }, recentModels: [1, 'a/b'], extra: 1 }),
    )
    const s = createSettingsStore(dir).read()
    expect(s).toEqual({
      theme: 'system',
      simulated: { ttftMs: 250, tokensPerSecond: 60 },
      streamTimeoutS: 120,
      recentModels: ['a/b'],
      endpoints: [],
    })
  })

  test('recent models: newest first, no duplicates, capped', () => {
    const store = createSettingsStore(dir)
    store.update((s) => withRecentModels(s, ['a/1', 'b/2']))
    store.update((s) => withRecentModels(s, ['b/2', 'c/3']))
    expect(store.read().recentModels).toEqual(['b/2', 'c/3', 'a/1'])
    store.update((s) =>
      withRecentModels(
        s,
        Array.from({ length: 30 }, (_, i) => `m/${i}`),
      ),
    )
    expect(store.read().recentModels).toHaveLength(20)
  })
})

describe('file secret store', () => {
  test('keeps keys in a 0600 file, unencrypted (and says so)', async () => {
    const store = createFileSecretStore(dir)
    expect(store.encrypted).toBe(false)
    await store.set('openai', 'sk-1')
    expect(mode(join(dir, SECRETS_FILE))).toBe(0o600)
    expect(await createFileSecretStore(dir).get('openai')).toBe('sk-1')
    await store.delete('openai')
    expect(await store.has('openai')).toBe(false)
  })

  test('tightens a file left readable by others', async () => {
    writeFileSync(join(dir, SECRETS_FILE), '{"openai":"sk-2"}', { mode: 0o644 })
    expect(await createFileSecretStore(dir).get('openai')).toBe('sk-2')
    expect(mode(join(dir, SECRETS_FILE))).toBe(0o600)
  })
})

describe('settings service', () => {
  const setup = (env: NodeJS.ProcessEnv = {}) => {
    const secrets = createMemorySecretStore()
    const providers = () => FAKE_PROVIDERS
    const keys = createKeys(secrets, providers, env)
    const store = createSettingsStore(dir)
    return { secrets, keys, service: createSettingsService({ store, secrets, keys, providers }) }
  }

  test('key status: saved wins over the environment; the key itself never appears', async () => {
    const { service, keys } = setup({ OPENAI_API_KEY: 'sk-from-env', ANTHROPIC_API_KEY: '  ' })
    let s = await service.get()
    expect(s.keys.openai).toEqual({ set: true, source: 'env' })
    expect(s.keys.anthropic).toEqual({ set: false, source: null })
    expect(s.keys.ollama).toBeUndefined()
    expect(await keys.forProvider('openai')).toBe('sk-from-env')
    s = await service.setKey('openai', ' sk-saved ')
    expect(s.keys.openai).toEqual({ set: true, source: 'saved' })
    expect(await keys.forProvider('openai')).toBe('sk-saved')
    expect(JSON.stringify(s)).not.toContain('sk-saved')
    s = await service.setKey('openai', null)
    expect(s.keys.openai!.source).toBe('env')
    await expect(service.setKey('nope', 'x')).rejects.toThrow(/unknown provider/)
  })

  test('endpoints: saved without the key, which goes to the secret store', async () => {
    const { service, secrets } = setup()
    let s = await service.saveEndpoint({ name: 'Local vLLM', baseUrl: 'http://127.0.0.1:8000/v1/', key: 'ep-key' })
    const ep = s.endpoints[0]!
    expect(ep).toMatchObject({ name: 'Local vLLM', baseUrl: 'http://127.0.0.1:8000/v1', hasKey: true })
    expect(await secrets.get(endpointSecretId(ep.id))).toBe('ep-key')
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).not.toContain('ep-key')
    s = await service.saveEndpoint({ id: ep.id, name: 'Renamed', baseUrl: 'http://127.0.0.1:8000/v1' })
    expect(s.endpoints[0]).toMatchObject({ name: 'Renamed', hasKey: true })
    s = await service.deleteEndpoint(ep.id)
    expect(s.endpoints).toEqual([])
    expect(await secrets.has(endpointSecretId(ep.id))).toBe(false)
    await expect(service.saveEndpoint({ name: 'x', baseUrl: 'ftp://host' })).rejects.toThrow(/http or https/)
    await expect(service.saveEndpoint({ name: 'x', baseUrl: 'http://u:p@host' })).rejects.toThrow(/key field/)
  })

  test('updates theme and simulated pace, refusing bad values', async () => {
    const { service } = setup()
    const s = await service.update({ theme: 'light', simulated: { ttftMs: 10, tokensPerSecond: 500 } })
    expect(s).toMatchObject({
      theme: 'light',
      simulated: { ttftMs: 10, tokensPerSecond: 500 },
      secretsEncrypted: false,
    })
    await expect(service.update({ simulated: { ttftMs: 10, tokensPerSecond: 0 } })).rejects.toThrow(/token rate/)
    await expect(service.update({ theme: 'neon' as 'light' })).rejects.toThrow(/theme/)
  })
})
