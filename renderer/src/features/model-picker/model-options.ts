import type { CatalogGroup, CatalogModel, CustomEndpoint, KeyStatus } from '../../../../main/common/api'
import { ENDPOINT_PREFIX, modelLabel, parseRefKey, refKey } from '../../../../main/common/model-ref'
import { unknownProviderProblem } from '../prompt/build-request'

export interface ModelOption {
  /** The model id sent (`provider/model`; an endpoint's are `openai/<id>`). */
  id: string
  /** `refKey`: the model together with the endpoint serving it, unique across the list. */
  key: string
  label: string
  source: CatalogModel['source'] | 'recent' | 'free' | 'exact'
  price?: CatalogModel['price']
  /** Set for a model served by a custom endpoint from Settings. */
  endpointId?: string
  endpointName?: string
  /** Why it cannot be picked (an unknown provider typed by hand). */
  disabledReason?: string
}

export interface OptionGroup {
  key: string
  label: string
  keyStatus?: KeyStatus
  liveError?: string
  options: ModelOption[]
  /** Options left out to keep the list short; typing narrows it. */
  hidden: number
}

/** Options shown per group before "type to narrow". */
export const GROUP_LIMIT = 40

/** Every whitespace-separated term must appear in the id, the label or the endpoint's name. */
export function matches(query: string, model: { id: string; label: string; endpointName?: string }): boolean {
  const hay = `${model.id} ${model.label} ${model.endpointName ?? ''}`.toLowerCase()
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => hay.includes(term))
}

/** Main groups a custom endpoint's models under `endpoint:<id>` (main/core/catalog). */
export const ENDPOINT_GROUP_PREFIX = ENDPOINT_PREFIX

/** The custom endpoint serving a model, from its group (`endpoint:<id>`). */
export function endpointIdFor(
  group: CatalogGroup,
  model: CatalogModel,
  endpoints: CustomEndpoint[],
): string | undefined {
  if (model.source !== 'custom') return undefined
  const id = group.provider.startsWith(ENDPOINT_GROUP_PREFIX)
    ? group.provider.slice(ENDPOINT_GROUP_PREFIX.length)
    : group.provider
  return endpoints.find((e) => e.id === id)?.id ?? (endpoints.length === 0 ? id : undefined)
}

/** Simulated and local groups need no key: no key badge for them. */
export function needsKey(group: CatalogGroup): boolean {
  return !group.models.every((m) => m.source === 'simulated' || m.source === 'local') || group.models.length === 0
}

/**
 * Typed text that names this option exactly: its id, its id without the provider,
 * its label, or its endpoint label. Several can (a provider's and an endpoint's
 * `gpt-4o-mini`): they keep the catalog's order, providers first.
 */
function isExact(q: string, o: ModelOption): boolean {
  const t = q.toLowerCase()
  return [
    o.id,
    modelName(o.id),
    o.label,
    modelLabel({ model: o.id, endpointId: o.endpointId, endpointName: o.endpointName }),
  ]
    .map((s) => s.toLowerCase())
    .includes(t)
}

/**
 * The picker's list: an exact match of the query first (it always wins Enter),
 * recently used models, one group per provider, all filtered by the query, and
 * last, when the query looks like `provider/model` and names nothing listed, an
 * explicit "use as typed" entry (refused for a provider the engine does not know).
 */
export function buildOptionGroups(
  catalog: CatalogGroup[],
  recent: string[],
  query: string,
  endpoints: CustomEndpoint[] = [],
): OptionGroup[] {
  const q = query.trim()
  const byKey = new Map<string, ModelOption>()
  const groups: OptionGroup[] = []
  for (const group of catalog) {
    const all = group.models.map((m) => {
      const option: ModelOption = { id: m.id, key: m.id, label: m.label, source: m.source }
      if (m.price) option.price = m.price
      const endpointId = endpointIdFor(group, m, endpoints)
      if (endpointId) {
        option.endpointId = endpointId
        option.endpointName = endpoints.find((e) => e.id === endpointId)?.name ?? group.label
        option.key = refKey({ model: m.id, endpointId })
      }
      byKey.set(option.key, option)
      return option
    })
    const hit = all.filter((o) => matches(q, o))
    if (q && hit.length === 0) continue
    const g: OptionGroup = {
      key: group.provider,
      label: group.label,
      ...(needsKey(group) ? { keyStatus: group.keyStatus } : {}),
      options: hit.slice(0, GROUP_LIMIT),
      hidden: Math.max(0, hit.length - GROUP_LIMIT),
    }
    if (group.liveError) g.liveError = group.liveError
    groups.push(g)
  }
  const head: OptionGroup[] = []
  const exact = q ? [...byKey.values()].filter((o) => isExact(q, o)) : []
  if (exact.length > 0) {
    head.push({ key: '__exact', label: 'Exact match', options: exact.map((o) => ({ ...o })), hidden: 0 })
  }
  const recentOptions = recent
    .map((key): ModelOption | null => {
      const known = byKey.get(key)
      if (known) return { ...known, source: 'recent' }
      const ref = parseRefKey(key)
      // An endpoint since deleted: its models cannot be sent anywhere.
      if (ref.endpointId !== undefined) return null
      return { id: ref.model, key, label: ref.model, source: 'recent' }
    })
    .filter((o): o is ModelOption => o !== null && matches(q, o))
  if (recentOptions.length > 0) head.push({ key: '__recent', label: 'Recent', options: recentOptions, hidden: 0 })
  const tail: OptionGroup[] = []
  if (q.includes('/') && exact.length === 0) {
    const problem = unknownProviderProblem(q, catalog)
    const free: ModelOption = {
      id: q,
      key: q,
      label: problem ?? `Use “${q}” as typed: it is not in the list`,
      source: 'free',
    }
    if (problem) free.disabledReason = problem
    tail.push({ key: '__free', label: 'Not in the list', options: [free], hidden: 0 })
  }
  return [...head, ...groups, ...tail]
}

export function flattenOptions(groups: OptionGroup[]): ModelOption[] {
  return groups.flatMap((g) => g.options)
}

/** The provider part of `provider/model`. */
export function providerOf(modelId: string): string {
  const slash = modelId.indexOf('/')
  return slash === -1 ? modelId : modelId.slice(0, slash)
}

/** The short model name for headers: everything after the provider. */
export function modelName(modelId: string): string {
  const slash = modelId.indexOf('/')
  return slash === -1 ? modelId : modelId.slice(slash + 1)
}
