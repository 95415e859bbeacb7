/**
 * The measuring options of a run request (cooldown, prompt-cache mode, SLO), checked and
 * copied onto the rebuilt request; kept apart from validate-request.ts so each file has
 * one job. Throws InputError with a message fit for the UI.
 */
import type { CacheMode, RunRequest } from '../../common/api'
import { MAX_COOLDOWN_MS } from '../../common/limits'
import { parseSlo } from '../../common/slo'
import { InputError } from '../api/input-error'

export { MAX_COOLDOWN_MS }

const CACHE_MODES: readonly CacheMode[] = ['warm', 'cold', 'alternate']

export function addMeasureOptions(raw: Record<string, unknown>, request: RunRequest): void {
  const rep = raw.repeat as Record<string, unknown> | undefined
  if (request.repeat && rep) {
    if (rep.cooldownMs !== undefined && rep.cooldownMs !== null) {
      const ms = rep.cooldownMs
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_COOLDOWN_MS) {
        throw new InputError(`repeat cooldown must be 0 to ${MAX_COOLDOWN_MS} ms`)
      }
      if (ms > 0) request.repeat.cooldownMs = ms
    }
    if (rep.cache !== undefined && rep.cache !== null) {
      if (!CACHE_MODES.includes(rep.cache as CacheMode)) {
        throw new InputError(`repeat cache must be ${CACHE_MODES.join(', ')}`)
      }
      if (rep.cache === 'alternate' && request.repeat.mode === 'concurrent') {
        throw new InputError(
          'repeat cache "alternate" needs sequential runs: a warm run must follow the cold run that primed it',
        )
      }
      request.repeat.cache = rep.cache as CacheMode
    }
  }
  if (raw.slo !== undefined && raw.slo !== null) {
    const parsed = parseSlo(raw.slo)
    if (!parsed.ok) throw new InputError(parsed.problem)
    if (Object.keys(parsed.slo).length > 0) request.slo = parsed.slo
  }
}
