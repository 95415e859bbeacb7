import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { FAKE_PROVIDERS } from '../../../test/doubles/fake-engine'
import { createFileSecretStore, SECRETS_FILE } from './file-secret-store'
import { createKeys } from './keys'
import { createMemorySecretStore, type SecretStore } from './secret-store'
import { BROWSER_MODE_UPDATES, createSettingsService } from './settings-service'
import { createSettingsStore } from './settings-store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-settings-info-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const service = (secrets: SecretStore, updates?: Parameters<typeof createSettingsService>[0]['updates']) => {
  const providers = () => FAKE_PROVIDERS
  return createSettingsService({
    store: createSettingsStore(dir),
    secrets,
    keys: createKeys(secrets, providers, {}),
    providers,
    updates,
  })
}

test('Settings says which secret store is in use and where', async () => {
  const s = await service(createFileSecretStore(dir)).get()
  expect(s.secretStore).toEqual({ kind: 'plain-file', path: join(dir, SECRETS_FILE) })
  expect(s.secretsEncrypted).toBe(false)
  expect((await service(createMemorySecretStore()).get()).secretStore).toEqual({ kind: 'memory', path: null })
})

test("Settings carries the shell's update status; browser mode's by default", async () => {
  expect((await service(createMemorySecretStore()).get()).updates).toEqual(BROWSER_MODE_UPDATES)
  let current = { mode: 'manual' as const, reason: "checking this build's code signature" }
  const svc = service(createMemorySecretStore(), () => current)
  expect((await svc.get()).updates).toEqual(current)
  current = { mode: 'manual', reason: 'this build is not code-signed' }
  expect((await svc.get()).updates.reason).toBe('this build is not code-signed')
})

test('the file store lists its ids (for migrating between stores)', async () => {
  const store = createFileSecretStore(dir)
  await store.set('openai', 'sk-1')
  await store.set('endpoint:e1', 'sk-2')
  expect((await createFileSecretStore(dir).ids()).sort()).toEqual(['endpoint:e1', 'openai'])
})
