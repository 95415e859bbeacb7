import { useState } from 'react'

/**
 * A text field over a parsed value: what is typed stays as typed (a "0." on its way to
 * "0.7", a trailing newline), while the parsed value is committed whenever it is valid.
 * A value changed from outside (a run loaded from history) replaces the draft.
 */
export function useDraft<T>(
  value: T,
  format: (v: T) => string,
  onCommit: (v: T) => void,
  parse: (s: string) => T | null,
  /** Text to start from instead of the value (an invalid entry kept while the field was hidden). */
  initialText?: string,
) {
  const [draft, setDraft] = useState(() => initialText ?? format(value))
  const [seen, setSeen] = useState(value)
  if (seen !== value) {
    setSeen(value)
    const parsed = parse(draft)
    if (parsed === null || format(parsed) !== format(value)) setDraft(format(value))
  }
  const onChange = (text: string) => {
    setDraft(text)
    const parsed = parse(text)
    if (parsed !== null) {
      setSeen(parsed)
      onCommit(parsed)
    }
  }
  return { draft, onChange, invalid: parse(draft) === null }
}

/** '' → undefined; otherwise a finite number within bounds, else null (invalid). */
export function parseOptionalNumber(text: string, opts: { min?: number; max?: number; integer?: boolean } = {}) {
  const t = text.trim()
  if (t === '') return undefined
  const n = Number(t)
  if (!Number.isFinite(n)) return null
  if (opts.integer && !Number.isInteger(n)) return null
  if (opts.min !== undefined && n < opts.min) return null
  if (opts.max !== undefined && n > opts.max) return null
  return n
}
