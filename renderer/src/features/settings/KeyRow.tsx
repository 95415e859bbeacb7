import { useRef, useState } from 'react'
import type { KeyStatus } from '../../../../main/common/api'
import { useAppStore } from '../../store'
import { keyStatusText } from './key-status'

/**
 * One provider's key. What is typed lives only in the input element until saved, then
 * is cleared: the key is never kept in React state or the store, and main never sends
 * it back. The input is uncontrolled on purpose: React mirrors a controlled input's
 * value into its `value` attribute, which would put the typed key in the page's HTML.
 */
export function KeyRow({
  provider,
  label,
  status,
}: {
  provider: string
  label: string
  status: KeyStatus | undefined
}) {
  const input = useRef<HTMLInputElement>(null)
  const [hasDraft, setHasDraft] = useState(false)
  const [busy, setBusy] = useState(false)
  const saveKey = useAppStore((s) => s.saveKey)
  const clearKey = useAppStore((s) => s.clearKey)
  const inputId = `key-${provider}`

  const save = async () => {
    const el = input.current
    const key = el?.value.trim() ?? ''
    if (!el || key === '') return
    setBusy(true)
    el.value = ''
    setHasDraft(false)
    await saveKey(provider, key)
    setBusy(false)
  }

  return (
    <form
      className="key-row"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <label className="key-label" htmlFor={inputId}>
        {label}
        <span className="mono muted key-provider">{provider}</span>
      </label>
      <span
        className={`badge ${status?.set ? 'good' : ''}`}
        data-testid={`key-status-${provider}`}
        title={status?.source === 'env' ? 'From an environment variable; a saved key takes precedence' : undefined}
      >
        {keyStatusText(status)}
      </span>
      <input
        ref={input}
        id={inputId}
        className="input mono"
        type="password"
        autoComplete="off"
        spellCheck={false}
        data-testid={`key-input-${provider}`}
        aria-label={`${label} API key`}
        placeholder={status?.set ? 'Replace the key…' : 'Paste an API key'}
        defaultValue=""
        disabled={busy}
        onChange={(e) => setHasDraft(e.target.value.trim() !== '')}
      />
      <button type="submit" className="btn" data-testid={`key-save-${provider}`} disabled={busy || !hasDraft}>
        Save
      </button>
      <button
        type="button"
        className="btn danger"
        data-testid={`key-clear-${provider}`}
        aria-label={`Remove the saved ${label} key`}
        disabled={busy || status?.source !== 'saved'}
        onClick={() => void clearKey(provider)}
      >
        Remove
      </button>
    </form>
  )
}
