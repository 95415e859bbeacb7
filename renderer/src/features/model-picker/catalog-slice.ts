import type { CatalogGroup } from '../../../../main/common/api'
import type { SliceCreator } from '../../store/types'

export interface CatalogSlice {
  catalog: CatalogGroup[]
  catalogStatus: 'idle' | 'loading' | 'ready' | 'error'
  catalogError: string | null
  /** Local clock (ms) of the last successful load. */
  catalogLoadedAt: number | null
  /** Fetches the catalog (known, live, local, custom, simulated models); fills empty columns. */
  loadCatalog: () => Promise<void>
  /** Reloads when the list is older than `maxAgeMs`: local servers started later show up. */
  refreshCatalogIfStale: (maxAgeMs?: number) => void
}

export const createCatalogSlice: SliceCreator<CatalogSlice> =
  ({ api, now }) =>
  (set, get) => ({
    catalog: [],
    catalogStatus: 'idle',
    catalogError: null,
    catalogLoadedAt: null,
    loadCatalog: async () => {
      set({ catalogStatus: 'loading', catalogError: null })
      try {
        const catalog = await api.catalog()
        set({ catalog, catalogStatus: 'ready', catalogLoadedAt: now() })
        get().fillEmptyModels(defaultModels(catalog, get().settings?.recentModels ?? []))
      } catch (err) {
        console.error('edgequake: catalog failed', err)
        set({ catalogStatus: 'error', catalogError: err instanceof Error ? err.message : String(err) })
      }
    },
    refreshCatalogIfStale: (maxAgeMs = 30_000) => {
      const { catalogStatus, catalogLoadedAt } = get()
      if (catalogStatus === 'loading') return
      if (catalogLoadedAt === null || now() - catalogLoadedAt > maxAgeMs) void get().loadCatalog()
    },
  })

/** Recently used models first, then the simulated ones: they work with no key and no network. */
export function defaultModels(catalog: CatalogGroup[], recent: string[]): string[] {
  const simulated = catalog.flatMap((g) => g.models.filter((m) => m.source === 'simulated').map((m) => m.id))
  return [...new Set([...recent, ...simulated])]
}
