import { describe, expect, test } from 'vitest'
import { type CommandResult, checkCodeSignature, type RunCommand, runCommand } from './code-signature'

/** Answers each command from a table keyed by its first arguments; records every call. */
function fakeRun(answers: Record<string, Partial<CommandResult>>) {
  const calls: string[][] = []
  const run: RunCommand = async (file, args) => {
    calls.push([file, ...args])
    const key = Object.keys(answers).find((k) => [file, ...args].join(' ').startsWith(k))
    return { code: 0, stdout: '', stderr: '', ...(key ? answers[key] : { code: 127, stderr: `${file}: not found` }) }
  }
  return { run, calls }
}

const MAC_EXE = '/Applications/EdgeQuake Playground.app/Contents/MacOS/EdgeQuake Playground'
const MAC_APP = '/Applications/EdgeQuake Playground.app'

describe('macOS: codesign', () => {
  test('valid and by a Developer ID: signed', async () => {
    const { run, calls } = fakeRun({
      'codesign --verify': {},
      'codesign -d': {
        stderr: `Executable=${MAC_EXE}\nAuthority=Developer ID Application: EdgeQuake Ltd (AB12CD34EF)\nAuthority=Developer ID Certification Authority\nTeamIdentifier=AB12CD34EF\n`,
      },
    })
    expect(await checkCodeSignature('darwin', MAC_EXE, run)).toEqual({
      signed: true,
      detail: 'Developer ID Application: EdgeQuake Ltd (AB12CD34EF)',
    })
    expect(calls).toEqual([
      ['codesign', '--verify', '--deep', '--strict', MAC_APP],
      ['codesign', '-d', '--verbose=2', MAC_APP],
    ])
  })

  test('ad-hoc (what an unsigned arm64 build carries): unsigned', async () => {
    const { run } = fakeRun({
      'codesign --verify': {},
      'codesign -d': { stderr: 'Signature=adhoc\nTeamIdentifier=not set\n' },
    })
    expect(await checkCodeSignature('darwin', MAC_EXE, run)).toEqual({ signed: false, detail: 'ad-hoc signature' })
  })

  test('an invalid signature or a missing codesign: unsigned, with the reason', async () => {
    const broken = fakeRun({
      'codesign --verify': { code: 1, stderr: `${MAC_APP}: a sealed resource is missing or invalid\n` },
    })
    expect(await checkCodeSignature('darwin', MAC_EXE, broken.run)).toEqual({
      signed: false,
      detail: `codesign --verify failed: ${MAC_APP}: a sealed resource is missing or invalid`,
    })
    expect((await checkCodeSignature('darwin', MAC_EXE, fakeRun({}).run)).signed).toBe(false)
  })

  test('an executable outside an .app bundle is unsigned', async () => {
    expect(await checkCodeSignature('darwin', '/usr/local/bin/electron', fakeRun({}).run)).toMatchObject({
      signed: false,
    })
  })
})

describe('Windows: Get-AuthenticodeSignature', () => {
  const EXE = "C:\\Users\\o'neil\\AppData\\Local\\Programs\\EdgeQuake Playground\\EdgeQuake Playground.exe"

  test('status Valid: signed by the certificate subject; the path is passed as a quoted literal', async () => {
    const { run, calls } = fakeRun({ 'powershell.exe': { stdout: 'Valid\r\nCN=EdgeQuake Ltd, O=EdgeQuake Ltd\r\n' } })
    expect(await checkCodeSignature('win32', EXE, run)).toEqual({
      signed: true,
      detail: 'CN=EdgeQuake Ltd, O=EdgeQuake Ltd',
    })
    const script = calls[0]!.at(-1)!
    expect(calls[0]!.slice(0, 4)).toEqual(['powershell.exe', '-NoProfile', '-NonInteractive', '-Command'])
    expect(script).toContain(`-LiteralPath 'C:\\Users\\o''neil\\AppData`)
  })

  test('NotSigned, HashMismatch or a failing PowerShell: unsigned', async () => {
    for (const status of ['NotSigned', 'HashMismatch', 'UnknownError']) {
      const { run } = fakeRun({ 'powershell.exe': { stdout: `${status}\r\n\r\n` } })
      expect(await checkCodeSignature('win32', EXE, run)).toEqual({
        signed: false,
        detail: `Authenticode status ${status}`,
      })
    }
    expect((await checkCodeSignature('win32', EXE, fakeRun({}).run)).signed).toBe(false)
  })
})

test('Linux has no signature to check', async () => {
  const { run, calls } = fakeRun({})
  expect(await checkCodeSignature('linux', '/opt/EQ/edgequake-playground', run)).toMatchObject({ signed: false })
  expect(calls).toEqual([])
})

test('runCommand resolves with the exit code and output, and never rejects', async () => {
  expect(await runCommand(process.execPath, ['-e', 'process.stdout.write("ok"); process.exit(3)'])).toMatchObject({
    code: 3,
    stdout: 'ok',
  })
  const missing = await runCommand('/nonexistent/eq-no-such-tool', [])
  expect(missing.code).not.toBe(0)
  expect(missing.stderr).toContain('ENOENT')
})
