import type { Settings } from '../../../../main/common/api'
import type { SliceCreator } from '../../store/types'

export interface EndpointDraft {
  id?: string
  name: string
  baseUrl: string
  key?: string | null
}

/**
 * Settings as main reports them. Keys go in through `saveKey` and are never kept
 * here: the store only ever holds `KeyStatus` (set or not, and from where).
 */
export interface SettingsSlice {
  settings: Settings | null
  loadSettings: () => Promise<void>
  saveKey: (provider: string, key: string) => Promise<boolean>
  clearKey: (provider: string) => Promise<void>
  saveEndpoint: (endpoint: EndpointDraft) => Promise<boolean>
  deleteEndpoint: (id: string) => Promise<void>
  setTheme: (theme: Settings['theme']) => Promise<void>
  setSimulated: (simulated: Settings['simulated']) => Promise<void>
  /** The stall timeout (the engine's `stream_timeout`), seconds; null: no limit. */
  setStreamTimeout: (seconds: number | null) => Promise<boolean>
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

export const createSettingsSlice: SliceCreator<SettingsSlice> =
  ({ api }) =>
  (set, get) => {
    /** Applies a settings change; key and endpoint changes also change the catalog. */
    const apply = async (what: string, call: () => Promise<Settings>, catalogChanged: boolean): Promise<boolean> => {
      try {
        set({ settings: await call() })
        if (catalogChanged) void get().loadCatalog()
        return true
      } catch (err) {
        console.error(`edgequake: ${what} failed`, err)
        get().notify(`Could not ${what}: ${messageOf(err)}`, 'error')
        return false
      }
    }
    return {
      settings: null,
      loadSettings: async () => {
        await apply('load settings', () => api.getSettings(), false)
      },
      saveKey: (provider, key) => apply('save the key', () => api.setKey(provider, key), true),
      clearKey: async (provider) => {
        await apply('remove the key', () => api.setKey(provider, null), true)
      },
      saveEndpoint: (endpoint) => apply('save the endpoint', () => api.saveEndpoint(endpoint), true),
      deleteEndpoint: async (id) => {
        await apply('delete the endpoint', () => api.deleteEndpoint(id), true)
      },
      setTheme: async (theme) => {
        const before = get().settings
        if (before) set({ settings: { ...before, theme } })
        await apply('change the theme', () => api.updateSettings({ theme }), false)
      },
      setSimulated: async (simulated) => {
        await apply('save the simulated pacing', () => api.updateSettings({ simulated }), true)
      },
      setStreamTimeout: (seconds) =>
        apply('save the stall timeout', () => api.updateSettings({ streamTimeoutS: seconds }), false),
    }
  }
