import { describe, expect, it } from 'vitest'
import { secretStoreText, updatesText } from './store-status'

describe('where keys are kept', () => {
  it('names the OS store and its file', () => {
    expect(secretStoreText({ kind: 'os', path: '/u/secrets.enc.json', backend: 'Keychain' })).toEqual({
      title: 'Keys are encrypted by the macOS Keychain.',
      detail: 'Saved in /u/secrets.enc.json.',
      warn: false,
    })
    expect(secretStoreText({ kind: 'os', path: '/p', backend: 'gnome_libsecret' }).title).toContain('GNOME Keyring')
  })

  it('warns for basic_text and the plaintext file, naming the file', () => {
    const basic = secretStoreText({ kind: 'basic-text', path: '/u/secrets.enc.json', backend: 'basic_text' })
    expect(basic.warn).toBe(true)
    expect(basic.title).toContain('basic_text')
    expect(basic.detail).toContain('/u/secrets.enc.json')
    const plain = secretStoreText({ kind: 'plain-file', path: '/d/secrets.json' })
    expect(plain).toMatchObject({ title: 'Keys are stored without OS encryption.', warn: true })
    expect(plain.detail).toContain('/d/secrets.json')
  })

  it('lists keys locked in the encrypted store while OS encryption is unavailable', () => {
    const text = secretStoreText({ kind: 'plain-file', path: '/d/secrets.json', lockedIds: ['openai', 'groq'] })
    expect(text.detail).toContain('2 key(s) saved encrypted earlier (openai, groq) cannot be read')
  })
})

describe('updates', () => {
  it('says whether updates are automatic, manual or off, and why', () => {
    expect(updatesText({ mode: 'automatic', reason: 'signed build (Developer ID Application: X)' })).toBe(
      'Updates are automatic: signed build (Developer ID Application: X).',
    )
    expect(
      updatesText({
        mode: 'manual',
        reason: 'AppImage builds are not signed: download new versions from the GitHub releases page',
      }),
    ).toBe('Updates are manual: AppImage builds are not signed: download new versions from the GitHub releases page.')
    expect(updatesText({ mode: 'off', reason: 'browser mode runs from source' })).toBe(
      'Updates are off: browser mode runs from source.',
    )
  })
})
