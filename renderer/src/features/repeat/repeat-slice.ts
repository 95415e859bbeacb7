import { MAX_REPEAT } from '../../../../main/common/limits'
import type { SliceCreator } from '../../store/types'

export type RepeatMode = 'sequential' | 'concurrent'

export { MAX_REPEAT }

export interface RepeatSlice {
  repeatCount: number
  repeatMode: RepeatMode
  /** Open connections before starting, so starts are warm. */
  prewarm: boolean
  setRepeat: (patch: Partial<Pick<RepeatSlice, 'repeatCount' | 'repeatMode' | 'prewarm'>>) => void
  /** Runs the comparison once. */
  runOnce: () => Promise<void>
  /** "Run ×N". */
  runRepeat: () => Promise<void>
}

export function clampCount(n: number): number {
  if (!Number.isFinite(n)) return 1
  return Math.min(MAX_REPEAT, Math.max(1, Math.round(n)))
}

export const createRepeatSlice: SliceCreator<RepeatSlice> = () => (set, get) => ({
  repeatCount: 3,
  repeatMode: 'sequential',
  prewarm: false,
  setRepeat: (patch) => set((s) => ({ ...patch, repeatCount: clampCount(patch.repeatCount ?? s.repeatCount) })),
  runOnce: () => {
    const { prewarm } = get()
    return get().startRun(prewarm ? { prewarm } : {})
  },
  runRepeat: () => {
    const { repeatCount, repeatMode, prewarm } = get()
    return get().startRun({ repeat: { count: repeatCount, mode: repeatMode }, ...(prewarm ? { prewarm } : {}) })
  },
})
