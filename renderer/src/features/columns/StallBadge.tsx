import { useShallow } from 'zustand/react/shallow'
import { useNow } from '../../shared/use-now'
import { useAppStore } from '../../store'

/** Silence shorter than this is ordinary pacing, not worth a badge. */
export const STALL_SHOWN_AFTER_MS = 1000

/**
 * How long an active column has received nothing, counted live: a gap is otherwise
 * measured only when the next token ends it, so a dead stream would look healthy.
 */
export function StallBadge({ columnId }: { columnId: string }) {
  const lane = useAppStore(
    useShallow((s) => {
      const l = s.lanes[columnId]
      return { status: l?.status, startedAt: l?.startedAt ?? null, version: l?.version }
    }),
  )
  const ticking = lane.status === 'waiting' || lane.status === 'streaming'
  const now = useNow(ticking, 250)
  if (!ticking) return null
  const last = useAppStore.getState().buffers[columnId]?.lastTokenLocalAt ?? lane.startedAt
  if (last === null) return null
  const silentMs = now - last
  if (silentMs < STALL_SHOWN_AFTER_MS) return null
  const seconds = Math.floor(silentMs / 1000)
  return (
    <span
      className="badge warn"
      data-testid="stall-live"
      data-silent-ms={Math.round(silentMs)}
      title="Nothing has arrived from the provider for this long (the stall timeout is in Settings)"
    >
      no tokens for {seconds} s
    </span>
  )
}
