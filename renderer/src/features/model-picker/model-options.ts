import type { CatalogGroup, CatalogModel, CustomEndpoint, KeyStatus } from '../../../../main/common/api'

export interface ModelOption {
  id: string
  label: string
  source: CatalogModel['source'] | 'recent' | 'free'
  price?: CatalogModel['price']
  /** Set for a model served by a custom endpoint from Settings. */
  endpointId?: string
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

/** Every whitespace-separated term must appear in the id or the label. */
export function matches(query: string, model: { id: string; label: string }): boolean {
  const hay = `${model.id} ${model.label}`.toLowerCase()
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => hay.includes(term))
}

/** Main groups a custom endpoint's models under `endpoint:<id>` (main/core/catalog). */
export const ENDPOINT_GROUP_PREFIX = 'endpoint:'

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
 * The picker's list: a free-entry option when the query looks like `provider/model`,
 * recently used models, then one group per provider, all filtered by the query.
 */
export function buildOptionGroups(
  catalog: CatalogGroup[],
  recent: string[],
  query: string,
  endpoints: CustomEndpoint[] = [],
): OptionGroup[] {
  const q = query.trim()
  const byId = new Map<string, ModelOption>()
  const groups: OptionGroup[] = []
  for (const group of catalog) {
    const all = group.models.map((m) => {
      const option: ModelOption = { id: m.id, label: m.label, source: m.source }
      if (m.price) option.price = m.price
      const endpointId = endpointIdFor(group, m, endpoints)
      if (endpointId) option.endpointId = endpointId
      byId.set(m.id, option)
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
  if (q.includes('/') && !byId.has(q)) {
    head.push({
      key: '__free',
      label: 'Any model',
      options: [{ id: q, label: `Use “${q}”`, source: 'free' }],
      hidden: 0,
    })
  }
  const recentOptions = recent
    .map((id) => ({ ...(byId.get(id) ?? { id, label: id }), source: 'recent' as const }))
    .filter((o) => matches(q, o))
  if (recentOptions.length > 0) head.push({ key: '__recent', label: 'Recent', options: recentOptions, hidden: 0 })
  return [...head, ...groups]
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
