/**
 * The model picker's catalog: one group per provider (the engine's providers,
 * plus Simulated and each custom endpoint), merging known models (with prices),
 * the provider's live list when a key is set, and local servers found running.
 * Fetch failures are recorded in the group's `liveError`, never thrown. Groups
 * and models used recently come first.
 */
import type { CatalogGroup, CatalogModel } from '../../common/api'
import { ENDPOINT_PREFIX, endpointModel, refKey } from '../../common/model-ref'
import { type Engine, errorText } from '../engine'
import { SIMULATED_LABEL, SIMULATED_MODELS, SIMULATED_PROVIDER } from '../runs/simulated'
import type { Keys } from '../settings/keys'
import { scrub } from '../settings/scrub'
import type { SecretStore } from '../settings/secret-store'
import { ENDPOINT_NO_KEY, endpointSecretId } from '../settings/secret-store'
import type { StoredSettings } from '../settings/settings-store'
import { createPrices, KNOWN_MODELS } from './known-models'
import { type Discovered, discoverLocal, type LocalServer } from './local-discovery'

const LIVE_TIMEOUT_S = 5
const LIVE_CACHE_MS = 120_000

export interface CatalogDeps {
  engine: Engine
  keys: Keys
  secrets: SecretStore
  settings: () => StoredSettings
  localServers: () => LocalServer[]
  discoveryTimeoutMs?: number
}

export function createCatalog(deps: CatalogDeps): { catalog(): Promise<CatalogGroup[]> } {
  const cache = new Map<string, { at: number; ids: string[] }>()
  const prices = createPrices(deps.engine.priceTable())

  /** The provider's own list; cached briefly so reopening the picker is instant. */
  const live = async (provider: string, params: { api_base?: string; api_key?: string }): Promise<string[]> => {
    const cacheKey = `${provider}\u0000${params.api_base ?? ''}\u0000${params.api_key ?? ''}`
    const hit = cache.get(cacheKey)
    if (hit && Date.now() - hit.at < LIVE_CACHE_MS) return hit.ids
    const models = await deps.engine.listModels({ provider, ...params, timeout: LIVE_TIMEOUT_S })
    const ids = models.map((m) => m.id)
    cache.set(cacheKey, { at: Date.now(), ids })
    return ids
  }

  return {
    async catalog() {
      const settings = deps.settings()
      const secrets = await deps.keys.allValues(settings.endpoints.map((e) => e.id))
      const local = discoverLocal(deps.engine, deps.localServers(), deps.discoveryTimeoutMs)
      const providerGroups = deps.engine.providers().map(async (p): Promise<CatalogGroup> => {
        const keyStatus = await deps.keys.status(p.name)
        const models = KNOWN_MODELS.filter((m) => m.id.startsWith(`${p.name}/`)).map((m): CatalogModel => {
          const price = prices.priceOf(m.id)
          return { id: m.id, label: m.label, source: 'known', ...(price ? { price } : {}) }
        })
        const group: CatalogGroup = { provider: p.name, label: p.label, keyStatus, models }
        if (p.local) {
          const found = (await local).find((d) => d.provider === p.name)
          addLocal(group, found)
        } else if (keyStatus.set) {
          const key = await deps.keys.forProvider(p.name)
          try {
            addModels(group, await live(p.name, key ? { api_key: key } : {}), p.name, 'live')
          } catch (err) {
            group.liveError = scrub(errorText(err), secrets)
          }
        } else if (p.key_required) {
          group.liveError = `No ${p.label} key: set one in Settings to list its models`
        }
        return group
      })
      const endpointGroups = settings.endpoints.map(async (e): Promise<CatalogGroup> => {
        const key = await deps.secrets.get(endpointSecretId(e.id))
        const group: CatalogGroup = {
          // Custom endpoint groups are `endpoint:<id>`; their models `openai/<model>` (PROTOCOL.md).
          provider: `${ENDPOINT_PREFIX}${e.id}`,
          label: e.name,
          keyStatus: key ? { set: true, source: 'saved' } : { set: false, source: null },
          models: [],
        }
        try {
          const ids = await live('openai', { api_base: e.baseUrl, api_key: key ?? ENDPOINT_NO_KEY })
          for (const id of ids) group.models.push({ id: endpointModel(id), label: id, source: 'custom' })
        } catch (err) {
          group.liveError = scrub(errorText(err), secrets)
        }
        return group
      })
      const simulated: CatalogGroup = {
        provider: SIMULATED_PROVIDER,
        label: SIMULATED_LABEL,
        keyStatus: { set: false, source: null },
        models: SIMULATED_MODELS.map((m) => ({
          id: m.id,
          label: m.label,
          source: 'simulated',
          price: { input: 0, output: 0 },
        })),
      }
      const groups = [simulated, ...(await Promise.all(providerGroups)), ...(await Promise.all(endpointGroups))]
      return recentFirst(groups, settings.recentModels)
    },
  }
}

function addModels(group: CatalogGroup, ids: string[], provider: string, source: 'live' | 'local'): void {
  const have = new Set(group.models.map((m) => m.id))
  for (const raw of ids) {
    const id = `${provider}/${raw}`
    if (have.has(id)) continue
    have.add(id)
    group.models.push({ id, label: raw, source })
  }
}

function addLocal(group: CatalogGroup, found: Discovered | undefined): void {
  if (!found) return
  if (found.error) group.liveError = `${group.label}: ${found.error}`
  addModels(group, found.models, group.provider, 'local')
}

/**
 * Recently used models first within each group; groups holding recent models first, most recent leading.
 * `recent` holds `refKey`s: an endpoint's model ranks only in its endpoint's group.
 */
export function recentFirst(groups: CatalogGroup[], recent: readonly string[]): CatalogGroup[] {
  const rank = (g: CatalogGroup, id: string) => {
    const endpointId = g.provider.startsWith(ENDPOINT_PREFIX) ? g.provider.slice(ENDPOINT_PREFIX.length) : undefined
    const i = recent.indexOf(refKey(endpointId === undefined ? { model: id } : { model: id, endpointId }))
    return i < 0 ? Number.POSITIVE_INFINITY : i
  }
  const sorted = groups.map((g) => ({
    ...g,
    // Array.prototype.sort is stable: models not used recently keep their order.
    models: [...g.models].sort((a, b) => rank(g, a.id) - rank(g, b.id)),
  }))
  const groupRank = (g: CatalogGroup) => Math.min(Number.POSITIVE_INFINITY, ...g.models.map((m) => rank(g, m.id)))
  return sorted
    .map((g, i) => ({ g, i, r: groupRank(g) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.g)
}
