import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../store'

/** The status toast: confirmations fade after a few seconds, errors stay until closed. */
export function Notice() {
  const { notice, clearNotice } = useAppStore(useShallow((s) => ({ notice: s.notice, clearNotice: s.clearNotice })))
  useEffect(() => {
    if (!notice || notice.kind === 'error') return
    const timer = setTimeout(clearNotice, 3000)
    return () => clearTimeout(timer)
  }, [notice, clearNotice])
  if (!notice) return null
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" className="btn icon" aria-label="Dismiss" onClick={clearNotice}>
        ×
      </button>
    </div>
  )
}
