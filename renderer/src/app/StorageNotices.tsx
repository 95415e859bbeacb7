import { useState } from 'react'
import { useAppStore } from '../store'

/**
 * Damaged settings or keys files found at start (moved aside, restored from a
 * backup or the defaults): shown above every view, with the paths, until the
 * user closes each one.
 */
export function StorageNotices() {
  const notices = useAppStore((s) => s.settings?.storageNotices)
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set())
  const open = (notices ?? []).filter((n) => !closed.has(n.movedTo))
  if (open.length === 0) return null
  return (
    <div className="storage-notices">
      {open.map((n) => (
        <div key={n.movedTo} className="storage-notice" role="alert" data-testid="storage-notice">
          <span>{n.message}</span>
          <button
            type="button"
            className="btn icon"
            aria-label="Dismiss"
            onClick={() => setClosed((c) => new Set([...c, n.movedTo]))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
