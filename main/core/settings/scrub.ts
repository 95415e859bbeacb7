/**
 * Removes API keys from text that leaves the main process (error messages, logs,
 * history), through the engine's one scrubber (`redact` in engine.ts): every known
 * key value, plus the shapes keys travel in (`Bearer …`, `?key=…`, `sk-…`) in case
 * a provider echoes one we do not know.
 */
import { redact } from '../engine'

export function scrub(text: string, secrets: readonly string[] = []): string {
  return redact(text, secrets)
}

/**
 * Removes known key values (only those: content may legitimately discuss
 * `sk-…` or `Bearer …`) from every string in a value, e.g. a run read back
 * from history for display, export or a snippet.
 */
export function scrubKeyValues<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets, { patterns: false })
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value) as T
}
