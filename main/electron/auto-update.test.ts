import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { type AutoUpdaterLike, startAutoUpdate } from './auto-update'
import type { BuildFacts, SignatureCheck } from './update-policy'

function fakeUpdater(fail = false) {
  const updater: AutoUpdaterLike & { checks: number } = {
    logger: null,
    checks: 0,
    async checkForUpdatesAndNotify() {
      updater.checks++
      if (fail) throw new Error('HttpError: 403 rate limit exceeded')
      return null
    },
  }
  return updater
}

const log = () => {
  const lines: string[] = []
  return {
    lines,
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    error: (m: string) => lines.push(`error ${m}`),
  }
}

const packagedMac: BuildFacts = { isPackaged: true, platform: 'darwin', env: {} }
const signedCheck = async (): Promise<SignatureCheck> => ({ signed: true, detail: 'Developer ID Application: X' })

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('startAutoUpdate', () => {
  test('signed build: checks now and every interval, with electron-updater logging to our log', async () => {
    const updater = fakeUpdater()
    const l = log()
    const u = startAutoUpdate({
      facts: packagedMac,
      checkSignature: signedCheck,
      loadUpdater: async () => updater,
      log: l,
      intervalMs: 1000,
    })
    expect(u.status()).toEqual({ mode: 'manual', reason: "checking this build's code signature" })
    await u.ready
    expect(u.status().mode).toBe('automatic')
    expect(updater.logger).toBe(l)
    expect(updater.checks).toBe(1)
    await vi.advanceTimersByTimeAsync(3000)
    expect(updater.checks).toBe(4)
    u.stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(updater.checks).toBe(4)
    expect(l.lines[0]).toBe('info updates automatic: signed build (Developer ID Application: X)')
  })

  test('unsigned build: electron-updater is never loaded; the status says updates are manual', async () => {
    const loadUpdater = vi.fn(async () => fakeUpdater())
    const l = log()
    const u = startAutoUpdate({
      facts: { isPackaged: true, platform: 'win32', env: {} },
      checkSignature: async () => ({ signed: false, detail: 'Authenticode status NotSigned' }),
      loadUpdater,
      log: l,
    })
    await u.ready
    expect(u.status()).toMatchObject({ mode: 'manual' })
    expect(u.status().reason).toContain('not code-signed (Authenticode status NotSigned)')
    expect(loadUpdater).not.toHaveBeenCalled()
    expect(l.lines[0]).toMatch(/^info updates manual: this build is not code-signed/)
  })

  test('Linux AppImage and development builds decide without checking any signature', async () => {
    const checkSignature = vi.fn(signedCheck)
    const loadUpdater = vi.fn(async () => fakeUpdater())
    const appImage = startAutoUpdate({
      facts: { isPackaged: true, platform: 'linux', env: { APPIMAGE: '/x.AppImage' } },
      checkSignature,
      loadUpdater,
      log: log(),
    })
    expect(appImage.status().mode).toBe('manual')
    const dev = startAutoUpdate({
      facts: { ...packagedMac, isPackaged: false },
      checkSignature,
      loadUpdater,
      log: log(),
    })
    await Promise.all([appImage.ready, dev.ready])
    expect(dev.status().mode).toBe('off')
    expect(checkSignature).not.toHaveBeenCalled()
    expect(loadUpdater).not.toHaveBeenCalled()
  })

  test('a failing signature check counts as unsigned; failing update checks are logged, never thrown', async () => {
    const broken = startAutoUpdate({
      facts: packagedMac,
      checkSignature: async () => {
        throw new Error('spawn codesign ENOENT')
      },
      loadUpdater: async () => fakeUpdater(),
      log: log(),
    })
    await broken.ready
    expect(broken.status()).toMatchObject({ mode: 'manual' })
    expect(broken.status().reason).toContain('signature check failed: spawn codesign ENOENT')

    const l = log()
    const failing = startAutoUpdate({
      facts: packagedMac,
      checkSignature: signedCheck,
      loadUpdater: async () => fakeUpdater(true),
      log: l,
    })
    await failing.ready
    await vi.advanceTimersByTimeAsync(0)
    expect(l.lines).toContain('warn update check failed: HttpError: 403 rate limit exceeded')
    failing.stop()
  })

  test('an updater that cannot load leaves updates manual, with the reason', async () => {
    const l = log()
    const u = startAutoUpdate({
      facts: packagedMac,
      checkSignature: signedCheck,
      loadUpdater: async () => {
        throw new Error("Cannot find module 'electron-updater'")
      },
      log: l,
    })
    await u.ready
    expect(u.status()).toEqual({
      mode: 'manual',
      reason: "the updater could not load (Cannot find module 'electron-updater')",
    })
    expect(l.lines.at(-1)).toContain('error auto-update unavailable')
  })

  test('stopped before the decision: nothing starts', async () => {
    const updater = fakeUpdater()
    const u = startAutoUpdate({
      facts: packagedMac,
      checkSignature: signedCheck,
      loadUpdater: async () => updater,
      log: log(),
    })
    u.stop()
    await u.ready
    expect(updater.checks).toBe(0)
  })
})
