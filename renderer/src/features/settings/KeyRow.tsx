import { useState } from 'react'
import type { KeyStatus } from '../../../../main/common/api'
import { useAppStore } from '../../store'
import { keyStatusText } from './key-status'

/**
 * One provider's key. What is typed lives only in this component until saved, then
 * is cleared: the key is never kept in the store, and main never sends it back.
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
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState(false)
  const saveKey = useAppStore((s) => s.saveKey)
  const clearKey = useAppStore((s) => s.clearKey)
  const inputId = `key-${provider}`

  const save = async () => {
    const key = draft.trim()
    if (key === '') return
    setBusy(true)
    setDraft('')
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
        id={inputId}
        className="input mono"
        type="password"
        autoComplete="off"
        spellCheck={false}
        data-testid={`key-input-${provider}`}
        aria-label={`${label} API key`}
        placeholder={status?.set ? 'Replace the key…' : 'Paste an API key'}
        value={draft}
        disabled={busy}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="btn" data-testid={`key-save-${provider}`} disabled={busy || draft.trim() === ''}>
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
