/**
 * Tells a running process from a later one that was given the same PID (after
 * a crash and a reboot, or in a container where the app is always PID 1): the
 * process's start time as the OS records it. Linux: /proc/<pid>/stat's start
 * tick plus the boot id; macOS and other Unixes: `ps -o lstart=`; Windows:
 * the process's creation time from PowerShell.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** A string equal for the same process and different for any other one; null when the OS cannot tell. */
export function processStartIdentity(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    if (process.platform === 'linux') return linuxIdentity(pid)
    if (process.platform === 'win32') return windowsIdentity(pid)
    return psIdentity(pid)
  } catch {
    return null
  }
}

/** Field 22 of /proc/<pid>/stat: clock ticks from boot to the process's start (fields counted after the `(comm)`). */
export function linuxIdentity(pid: number): string | null {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const startTicks = fields[19]
  if (!startTicks || !/^\d+$/.test(startTicks)) return null
  const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  return `linux:${bootId}:${startTicks}`
}

export function psIdentity(pid: number): string | null {
  const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
    encoding: 'utf8',
    timeout: 5000,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim()
  return out ? `ps:${out}` : null
}

function windowsIdentity(pid: number): string | null {
  const out = execFileSync(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-Command', `(Get-Process -Id ${pid}).StartTime.ToFileTimeUtc()`],
    { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true },
  ).trim()
  return /^\d+$/.test(out) ? `win:${out}` : null
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
