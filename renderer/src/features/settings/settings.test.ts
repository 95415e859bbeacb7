import { describe, expect, it } from 'vitest'
import { testStore } from '../../test/fake-api'
import { keyStatusText } from './key-status'
import { resolveTheme } from './use-theme'

describe('settings slice', () => {
  it('sends a key to main and keeps only its status', async () => {
    const { store, fake } = testStore()
    await store.getState().loadSettings()
    const secret = 'sk-test-DO-NOT-LEAK-1234567890'
    await store.getState().saveKey('openai', secret)
    expect(fake.calls.find((c) => c.method === 'setKey')?.args).toEqual(['openai', secret])
    expect(store.getState().settings?.keys.openai).toEqual({ set: true, source: 'saved' })
    const state = store.getState() as unknown as Record<string, unknown>
    const dump = JSON.stringify(Object.fromEntries(Object.entries(state).filter(([, v]) => typeof v !== 'function')))
    expect(dump).not.toContain(secret)
    // Key changes change the catalog (key badges, live lists).
    expect(fake.calls.some((c) => c.method === 'catalog')).toBe(true)
  })

  it('removes a key and reports failures as a notice', async () => {
    const { store } = testStore({
      setKey: async () => {
        throw new Error('keyring locked')
      },
    })
    await store.getState().clearKey('openai')
    expect(store.getState().notice).toEqual({ text: 'Could not remove the key: keyring locked', kind: 'error' })
  })

  it('changes the theme at once and in main', async () => {
    const { store, fake } = testStore()
    await store.getState().loadSettings()
    await store.getState().setTheme('dark')
    expect(store.getState().settings?.theme).toBe('dark')
    expect(fake.calls.find((c) => c.method === 'updateSettings')?.args).toEqual([{ theme: 'dark' }])
  })

  it('words key status and resolves the theme', () => {
    expect(keyStatusText(undefined)).toBe('not set')
    expect(keyStatusText({ set: true, source: 'env' })).toBe('set (environment)')
    expect(keyStatusText({ set: true, source: 'saved' })).toBe('set (saved)')
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('light', true)).toBe('light')
  })
})
