import './slo.css'
import { useAppStore } from '../../store'
import { describeVerdict, laneVerdict } from './slo-verdict'

/** Within or outside the SLO (Run ×N options), once the column's call ended. */
export function SloBadge({ columnId }: { columnId: string }) {
  const lane = useAppStore((s) => s.lanes[columnId])
  const slo = useAppStore((s) => s.slo)
  const buf = useAppStore.getState().buffers[columnId]
  const v = laneVerdict(lane, buf, slo)
  if (!v) return null
  const why = describeVerdict(v)
  return (
    <span
      className={`badge slo-badge ${v.within ? 'within' : 'outside'}`}
      data-testid="slo-badge"
      data-within={v.within}
      title={`SLO (as set now in Run ×N options): ${why}`}
    >
      {v.within ? 'SLO ✓' : `SLO ✗ ${v.failed ? 'failed' : why}`}
    </span>
  )
}
