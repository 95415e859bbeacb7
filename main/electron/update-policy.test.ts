import { describe, expect, test } from 'vitest'
import { type BuildFacts, updatePolicy, updatePolicyBeforeSignature } from './update-policy'

const signed = { signed: true, detail: 'Developer ID Application: EdgeQuake (TEAMID)' }
const unsigned = { signed: false, detail: 'ad-hoc signature' }
const facts = (over: Partial<BuildFacts> = {}): BuildFacts => ({
  isPackaged: true,
  platform: 'darwin',
  env: {},
  ...over,
})

describe('updatePolicy: automatic only in signed builds', () => {
  test('signed macOS and Windows builds update automatically', () => {
    expect(updatePolicy(facts({ platform: 'darwin' }), signed)).toEqual({
      mode: 'automatic',
      reason: `signed build (${signed.detail})`,
    })
    expect(updatePolicy(facts({ platform: 'win32' }), { signed: true, detail: 'CN=EdgeQuake' }).mode).toBe('automatic')
  })

  test('unsigned macOS and Windows builds say updates are manual, and why', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const status = updatePolicy(facts({ platform }), unsigned)
      expect(status.mode).toBe('manual')
      expect(status.reason).toContain('not code-signed (ad-hoc signature)')
      expect(status.reason).toContain('GitHub releases page')
    }
  })

  test('Linux: AppImage and deb/rpm are manual, whatever the signature says', () => {
    const appImage = updatePolicy(facts({ platform: 'linux', env: { APPIMAGE: '/home/u/EQ.AppImage' } }), signed)
    expect(appImage).toEqual({
      mode: 'manual',
      reason: 'AppImage builds are not signed: download new versions from the GitHub releases page',
    })
    expect(updatePolicy(facts({ platform: 'linux' }), signed).reason).toContain('package manager')
  })

  test('off when run from source, in development, or when EQ_NO_AUTO_UPDATE=1', () => {
    expect(updatePolicy(facts({ isPackaged: false }), signed).mode).toBe('off')
    expect(updatePolicy(facts({ env: { NODE_ENV: 'development' } }), signed).mode).toBe('off')
    const optedOut = updatePolicy(facts({ env: { EQ_NO_AUTO_UPDATE: '1' } }), signed)
    expect(optedOut.mode).toBe('off')
    expect(optedOut.reason).toContain('EQ_NO_AUTO_UPDATE=1')
    expect(updatePolicy(facts({ env: { EQ_NO_AUTO_UPDATE: '0' } }), signed).mode).toBe('automatic')
  })

  test('the signature is only needed on macOS and Windows', () => {
    expect(updatePolicyBeforeSignature(facts({ platform: 'darwin' }))).toBeNull()
    expect(updatePolicyBeforeSignature(facts({ platform: 'win32' }))).toBeNull()
    expect(updatePolicyBeforeSignature(facts({ platform: 'linux' }))?.mode).toBe('manual')
    expect(updatePolicyBeforeSignature(facts({ platform: 'freebsd' }))?.mode).toBe('manual')
    expect(updatePolicyBeforeSignature(facts({ isPackaged: false, platform: 'win32' }))?.mode).toBe('off')
  })
})
