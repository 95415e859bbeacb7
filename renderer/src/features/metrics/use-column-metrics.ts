import { useMemo } from 'react'
import { isActive } from '../../shared/lane'
import { type ColumnMetrics, compareColumns, type RankedMetric, statusChanged } from '../../shared/live-metrics'
import { useNow } from '../../shared/use-now'
import { useAppStore } from '../../store'
import { useThrottledSelector } from '../../store/use-throttled'

/** Every column's metrics (re-computed ~10 times a second while streaming) and which column leads each. */
export function useColumnMetrics(): {
  metrics: Record<string, ColumnMetrics>
  fastest: Partial<Record<RankedMetric, string>>
} {
  const lanes = useThrottledSelector(useAppStore, (s) => s.lanes, 100, statusChanged)
  const ticking = Object.values(lanes).some((l) => isActive(l.status) && l.startedAt !== null)
  const now = useNow(ticking)
  return useMemo(() => {
    return compareColumns(lanes, useAppStore.getState().buffers, now)
  }, [lanes, now])
}
