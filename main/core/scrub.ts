/**
 * Removes API keys from text that leaves the main process (error messages,
 * logs): every known key value, plus the shapes keys travel in (`Bearer …`,
 * `?key=…`, `sk-…`) in case a provider echoes one we do not know.
 */
export const REDACTED = '[redacted]'

const PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/([?&](?:api[_-]?key|key|token|access_token)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/\b(x-api-key|api-key|x-goog-api-key)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1$2${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, `sk-${REDACTED}`],
]

export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text
  // Longest first, so a key that contains another is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED)
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

/**
 * Removes known key values (only those: content may legitimately discuss
 * `sk-…` or `Bearer …`) from every string in a value, e.g. a run read back
 * from history for display, export or a snippet.
 */
export function scrubKeyValues<T>(value: T, secrets: readonly string[]): T {
  const keys = [...secrets].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length)
  if (keys.length === 0) return value
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v
      for (const k of keys) if (out.includes(k)) out = out.split(k).join(REDACTED)
      return out
    }
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value) as T
}
