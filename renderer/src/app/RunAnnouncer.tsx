import { useAppStore } from '../store'

/** A polite live region: screen readers hear a run start, stop and end without moving focus. */
export function RunAnnouncer() {
  const text = useAppStore((s) => s.announcement)
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="run-announcer">
      {text}
    </div>
  )
}
