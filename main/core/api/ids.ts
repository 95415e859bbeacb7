/** Opaque ids: a prefix for readability in logs and URLs, then 12 random bytes. */
import { randomBytes } from 'node:crypto'

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`
}
