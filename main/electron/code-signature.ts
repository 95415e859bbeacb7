/**
 * Checks the running app's code signature with the OS's own tools: `codesign`
 * on macOS (valid, and by a Developer ID rather than ad hoc), PowerShell's
 * `Get-AuthenticodeSignature` on Windows (status Valid). The command runner is
 * passed in; any failure to run the tool counts as unsigned, with the reason.
 */
import { execFile } from 'node:child_process'
import type { SignatureCheck } from './update-policy'

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}
export type RunCommand = (file: string, args: string[]) => Promise<CommandResult>

/** Runs a command without a shell, for at most 20 s; never rejects. */
export const runCommand: RunCommand = (file, args) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: 20_000, windowsHide: true }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && !stderr ? err.message : '')) })
    })
  })

const firstLine = (text: string) => text.trim().split(/\r?\n/)[0] ?? ''

/** `exePath`: `process.execPath` of the packaged app. */
export async function checkCodeSignature(
  platform: NodeJS.Platform,
  exePath: string,
  run: RunCommand = runCommand,
): Promise<SignatureCheck> {
  if (platform === 'darwin') return checkMac(exePath, run)
  if (platform === 'win32') return checkWindows(exePath, run)
  return { signed: false, detail: `no code signature check on ${platform}` }
}

async function checkMac(exePath: string, run: RunCommand): Promise<SignatureCheck> {
  const end = exePath.indexOf('.app/')
  if (end < 0) return { signed: false, detail: `not inside an .app bundle: ${exePath}` }
  const bundle = exePath.slice(0, end + 4)
  const verify = await run('codesign', ['--verify', '--deep', '--strict', bundle])
  if (verify.code !== 0) return { signed: false, detail: `codesign --verify failed: ${firstLine(verify.stderr)}` }
  // codesign -d writes its description to stderr.
  const info = await run('codesign', ['-d', '--verbose=2', bundle])
  const text = `${info.stdout}\n${info.stderr}`
  if (/^Signature=adhoc$/m.test(text)) return { signed: false, detail: 'ad-hoc signature' }
  const authority = /^Authority=(Developer ID Application: .+)$/m.exec(text)?.[1]
  if (!authority) return { signed: false, detail: 'not signed with a Developer ID' }
  return { signed: true, detail: authority }
}

async function checkWindows(exePath: string, run: RunCommand): Promise<SignatureCheck> {
  // Single quotes make a PowerShell literal string; a quote inside is doubled.
  const literal = `'${exePath.replaceAll("'", "''")}'`
  const script = `$s = Get-AuthenticodeSignature -LiteralPath ${literal}; "$($s.Status)"; $s.SignerCertificate.Subject`
  const result = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script])
  if (result.code !== 0)
    return { signed: false, detail: `Get-AuthenticodeSignature failed: ${firstLine(result.stderr)}` }
  const [status = '', subject = ''] = result.stdout
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim())
  if (status !== 'Valid') return { signed: false, detail: `Authenticode status ${status || 'unknown'}` }
  return { signed: true, detail: subject || 'Authenticode Valid' }
}
