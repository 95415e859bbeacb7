import type { KeyStatus } from '../../../../main/common/api'

/** How a key's status reads: never the key itself, only whether and where it is set. */
export function keyStatusText(status: KeyStatus | undefined): string {
  if (!status?.set) return 'not set'
  return status.source === 'env' ? 'set (environment)' : 'set (saved)'
}
