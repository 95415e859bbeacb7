/**
 * The settings and keys files under failure: short writes and a full disk
 * (an injected write hook here; a real 4 MiB tmpfs in storage-tmpfs.test.ts),
 * a failing fsync, and damaged files on disk.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { FAKE_PROVIDERS } from '../../../test/doubles/fake-engine'
import { type FileIo, nodeFileIo, writeFileAtomic } from './atomic-write'
import { createFileSecretStore, SECRETS_FILE } from './file-secret-store'
import { createKeys } from './keys'
import { createSettingsService } from './settings-service'
import { createSettingsStore, SETTINGS_FILE } from './settings-store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-durable-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })

/** Real file operations, except that writes stop after `room` bytes: one short write, then ENOSPC. */
function diskWithRoom(room: number): FileIo {
  let left = room
  return {
    ...nodeFileIo,
    writeSync(fd, buffer, offset, length) {
      if (left <= 0) throw enospc()
      const n = Math.min(length, left)
      left -= n
      return nodeFileIo.writeSync(fd, buffer, offset, n)
    },
  }
}

describe('writeFileAtomic under failure', () => {
  test('short writes are continued until every byte is written', () => {
    const path = join(dir, 'a.json')
    const data = 'x'.repeat(10_000)
    const io: FileIo = {
      ...nodeFileIo,
      writeSync: (fd, buffer, offset, length) => nodeFileIo.writeSync(fd, buffer, offset, Math.min(length, 7)),
    }
    writeFileAtomic(path, data, { io })
    expect(readFileSync(path, 'utf8')).toBe(data)
  })

  test('a disk that fills mid-write fails the write and leaves the good file (no temp renamed over it)', () => {
    const path = join(dir, 'secrets.json')
    writeFileAtomic(path, '{"openai":"sk-good"}')
    expect(() =>
      writeFileAtomic(path, `{"openai":"sk-good","big":"${'y'.repeat(20_000)}"}`, { io: diskWithRoom(16_384) }),
    ).toThrow(/ENOSPC/)
    expect(readFileSync(path, 'utf8')).toBe('{"openai":"sk-good"}')
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  test('a failing fsync fails the write before the rename', () => {
    const path = join(dir, 'a.json')
    writeFileAtomic(path, 'old')
    const io: FileIo = {
      ...nodeFileIo,
      fsyncSync: () => {
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
      },
    }
    expect(() => writeFileAtomic(path, 'new', { io })).toThrow(/EIO/)
    expect(readFileSync(path, 'utf8')).toBe('old')
  })

  test('fsyncs the file and its directory', () => {
    const path = join(dir, 'a.json')
    const synced: string[] = []
    const opened = new Map<number, string>()
    const io: FileIo = {
      ...nodeFileIo,
      openSync: (p, flags, mode) => {
        const fd = nodeFileIo.openSync(p, flags, mode)
        opened.set(fd, p)
        return fd
      },
      fsyncSync: (fd) => {
        synced.push(opened.get(fd)!)
        nodeFileIo.fsyncSync(fd)
      },
    }
    writeFileAtomic(path, 'x', { io })
    const paths = synced
    expect(paths.some((p) => p.endsWith('.tmp'))).toBe(true)
    expect(paths).toContain(dir)
  })
})

describe('the settings and keys files through the API when the disk is full', () => {
  const service = (io?: FileIo) => {
    const secrets = createFileSecretStore(dir)
    const store = createSettingsStore(dir)
    const keys = createKeys(secrets, () => FAKE_PROVIDERS, {})
    return { service: createSettingsService({ store, secrets, keys, providers: () => FAKE_PROVIDERS }), io }
  }

  test('setKey reports the failure (disk full, with the path) and keeps every saved key', async () => {
    const { service: s } = service()
    await s.setKey('openai', 'sk-openai-1111')
    await s.setKey('anthropic', 'sk-ant-2222')
    const before = readFileSync(join(dir, SECRETS_FILE), 'utf8')
    const write = vi.spyOn(nodeFileIo, 'writeSync').mockImplementation(() => {
      throw enospc()
    })
    try {
      await expect(s.setKey('lm_studio', 'lm-3333')).rejects.toThrow(
        new RegExp(`could not be saved to ${join(dir, SECRETS_FILE)}: the disk is full`),
      )
      await expect(s.update({ theme: 'dark' })).rejects.toThrow(
        /Settings could not be saved to .*settings\.json: the disk is full/,
      )
    } finally {
      write.mockRestore()
    }
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).toBe(before)
    const fresh = createFileSecretStore(dir)
    expect(await fresh.get('openai')).toBe('sk-openai-1111')
    expect(await fresh.get('anthropic')).toBe('sk-ant-2222')
    expect((await s.get()).theme).toBe('system')
  })
})

describe('damaged files', () => {
  const settingsService = () => {
    const secrets = createFileSecretStore(dir)
    const store = createSettingsStore(dir)
    const keys = createKeys(secrets, () => FAKE_PROVIDERS, {})
    return createSettingsService({ store, secrets, keys, providers: () => FAKE_PROVIDERS })
  }

  test('a torn secrets.json is moved aside, the backup restored, and setKey keeps the other keys', async () => {
    const first = settingsService()
    await first.setKey('openai', 'sk-openai-AAAA1111')
    await first.setKey('anthropic', 'sk-ant-BBBB2222')
    const path = join(dir, SECRETS_FILE)
    const torn = readFileSync(path, 'utf8').slice(0, 30)
    writeFileSync(path, torn)
    const service = settingsService()
    const settings = await service.get()
    expect(settings.keys.openai).toEqual({ set: true, source: 'saved' })
    const [notice] = settings.storageNotices
    expect(notice).toMatchObject({ file: path, restoredFrom: 'backup' })
    expect(notice!.message).toContain(path)
    expect(notice!.message).toContain(notice!.movedTo)
    expect(readFileSync(notice!.movedTo, 'utf8')).toBe(torn)
    expect(JSON.stringify(settings)).not.toMatch(/AAAA|BBBB/)
    await service.setKey('lm_studio', 'lm-CCCC3333')
    const keys = createFileSecretStore(dir)
    expect(await keys.get('lm_studio')).toBe('lm-CCCC3333')
    expect(await keys.get('openai')).not.toBeNull()
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  test('with no good backup: defaults, the damaged file kept, and no key bytes in any message', async () => {
    const path = join(dir, SECRETS_FILE)
    writeFileSync(path, '{"openai":"sk-live-DDDD4444', { mode: 0o600 })
    const service = settingsService()
    const settings = await service.get()
    expect(settings.keys.openai).toEqual({ set: false, source: null })
    const [notice] = settings.storageNotices
    expect(notice).toMatchObject({ file: path, restoredFrom: 'defaults' })
    expect(notice!.message).toMatch(/set them again/)
    expect(JSON.stringify(settings)).not.toContain('DDDD4444')
    expect(readFileSync(notice!.movedTo, 'utf8')).toContain('DDDD4444')
  })

  test('a damaged settings.json starts from its backup, else defaults, and says so with the path', async () => {
    const store = createSettingsStore(dir)
    store.update((s) => ({ ...s, theme: 'dark' }))
    store.update((s) => ({ ...s, theme: 'light' }))
    const path = join(dir, SETTINGS_FILE)
    writeFileSync(path, '\u0000\u0000garbage')
    let settings = await settingsService().get()
    expect(settings.theme).toBe('dark') // the backup: the file before the last write
    expect(settings.storageNotices[0]).toMatchObject({ file: path, restoredFrom: 'backup' })
    writeFileSync(path, '[1,2')
    writeFileSync(`${path}.bak`, 'also broken')
    settings = await settingsService().get()
    expect(settings.theme).toBe('system')
    expect(settings.storageNotices[0]).toMatchObject({ file: path, restoredFrom: 'defaults' })
  })

  test('a secrets file that cannot be read fails calls instead of being overwritten', async () => {
    // A directory where the file should be: reading fails (EISDIR) the same way on every OS, even as root.
    const path = join(dir, SECRETS_FILE)
    mkdirSync(path)
    writeFileSync(join(path, 'keep'), 'x')
    await expect(settingsService().setKey('anthropic', 'sk-new')).rejects.toThrow(/API keys could not be read from/)
    expect(readFileSync(join(path, 'keep'), 'utf8')).toBe('x')
  })
})
