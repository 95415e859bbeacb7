import type { CacheMode, RepeatOptions } from '../../../../main/common/api'
import { MAX_COOLDOWN_MS, MAX_REPEAT } from '../../../../main/common/limits'
import { hasSlo, type Slo } from '../../../../main/common/slo'
import type { SliceCreator } from '../../store/types'

export type RepeatMode = 'sequential' | 'concurrent'

export { MAX_COOLDOWN_MS, MAX_REPEAT }

export interface RepeatSlice {
  repeatCount: number
  repeatMode: RepeatMode
  /** Open connections before starting, so starts are warm. */
  prewarm: boolean
  /** Pause between sequential iterations (ms). */
  cooldownMs: number
  /** Prompt cache: the same prompt again, a nonce every run, or alternating. */
  cacheMode: CacheMode
  /** Limits every run is checked against (empty: none). */
  slo: Slo
  setRepeat: (
    patch: Partial<Pick<RepeatSlice, 'repeatCount' | 'repeatMode' | 'prewarm' | 'cooldownMs' | 'cacheMode'>>,
  ) => void
  setSlo: (slo: Slo) => void
  /** Runs the comparison once. */
  runOnce: () => Promise<void>
  /** "Run ×N". */
  runRepeat: () => Promise<void>
}

export function clampCount(n: number): number {
  if (!Number.isFinite(n)) return 1
  return Math.min(MAX_REPEAT, Math.max(1, Math.round(n)))
}

export function clampCooldown(ms: number): number {
  if (!Number.isFinite(ms)) return 0
  return Math.min(MAX_COOLDOWN_MS, Math.max(0, Math.round(ms)))
}

export const createRepeatSlice: SliceCreator<RepeatSlice> = () => (set, get) => ({
  repeatCount: 3,
  repeatMode: 'sequential',
  prewarm: false,
  cooldownMs: 0,
  cacheMode: 'warm',
  slo: {},
  setRepeat: (patch) =>
    set((s) => {
      const next = {
        ...patch,
        repeatCount: clampCount(patch.repeatCount ?? s.repeatCount),
        cooldownMs: clampCooldown(patch.cooldownMs ?? s.cooldownMs),
      }
      // Alternating needs each warm run right after its cold one: not with concurrent runs.
      const mode = next.repeatMode ?? s.repeatMode
      if (mode === 'concurrent' && (next.cacheMode ?? s.cacheMode) === 'alternate') next.cacheMode = 'cold'
      return next
    }),
  setSlo: (slo) => set({ slo }),
  runOnce: () => {
    const { prewarm, slo } = get()
    return get().startRun({ ...(prewarm ? { prewarm } : {}), ...(hasSlo(slo) ? { slo } : {}) })
  },
  runRepeat: () => {
    const { repeatCount, repeatMode, prewarm, cooldownMs, cacheMode, slo } = get()
    const repeat: RepeatOptions = { count: repeatCount, mode: repeatMode }
    if (cooldownMs > 0 && repeatMode === 'sequential') repeat.cooldownMs = cooldownMs
    if (cacheMode !== 'warm') repeat.cache = cacheMode
    return get().startRun({ repeat, ...(prewarm ? { prewarm } : {}), ...(hasSlo(slo) ? { slo } : {}) })
  },
})
