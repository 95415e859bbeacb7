import type { CatalogGroup } from '../../../../main/common/api'
import type { LoadPlan } from '../../../../main/common/load'

export interface LoadForm {
  model: string
  kind: LoadPlan['kind']
  /** "1, 2, 4, 8" (concurrencies) or "0.5, 1, 2" (requests/s). */
  levels: string
  requestsPerLevel: string
  warmup: string
}

/** The plan the form describes, or what is wrong with it (the core checks again). */
export function planOf(f: LoadForm): { plan: LoadPlan } | { problem: string } {
  const parts = f.levels.split(/[\s,]+/).filter(Boolean)
  if (parts.length === 0) return { problem: 'List at least one level.' }
  const levels = parts.map(Number)
  if (levels.some((l) => !Number.isFinite(l) || l <= 0)) {
    return { problem: f.kind === 'sweep' ? 'Concurrencies are whole numbers ≥ 1.' : 'Rates are numbers > 0.' }
  }
  if (f.kind === 'sweep' && levels.some((l) => !Number.isInteger(l)))
    return { problem: 'Concurrencies are whole numbers.' }
  const requestsPerLevel = Number(f.requestsPerLevel)
  const warmup = Number(f.warmup)
  if (!Number.isInteger(requestsPerLevel) || requestsPerLevel < 1)
    return { problem: 'Requests per level: a whole number ≥ 1.' }
  if (!Number.isInteger(warmup) || warmup < 0) return { problem: 'Warm-up: a whole number ≥ 0.' }
  return { plan: { kind: f.kind, levels, requestsPerLevel, warmup, seed: 1 } }
}

/** Groups whose servers the user owns come first: local servers, custom endpoints, the simulated provider. */
export function loadTargets(catalog: CatalogGroup[]): Array<{ group: string; local: boolean; models: string[] }> {
  const localish = (g: CatalogGroup) =>
    g.provider === 'simulated' || g.provider.startsWith('endpoint:') || g.models.some((m) => m.source === 'local')
  return catalog
    .map((g) => ({ group: g.label, local: localish(g), models: g.models.map((m) => m.id) }))
    .filter((g) => g.models.length > 0)
    .sort((a, b) => Number(b.local) - Number(a.local))
}
