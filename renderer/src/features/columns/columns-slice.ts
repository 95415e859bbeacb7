import type { Draft, RunParams, RunRequest } from '../../../../main/common/api'
import { MAX_COLUMNS } from '../../../../main/common/limits'
import { type ModelRef, parseRefKey, refKey } from '../../../../main/common/model-ref'
import { hostsServing } from '../../../../main/common/same-model'
import { cleanParams } from '../../shared/clean-params'
import type { ColumnConfig } from '../../shared/column-config'
import { newId } from '../../store/ids'
import type { SliceCreator } from '../../store/types'
import { defaultModels } from '../model-picker/catalog-slice'

export { MAX_COLUMNS }

export interface ColumnsSlice {
  columns: ColumnConfig[]
  /** Adds a column with the next default model not already shown (or the last column's). */
  addColumn: () => void
  removeColumn: (columnId: string) => void
  setColumnModel: (columnId: string, model: string, endpointId?: string) => void
  setColumnOverrides: (columnId: string, overrides: RunParams) => void
  /**
   * Host against host: replaces the columns with this column's model on every host
   * the catalog lists for it (main/common/same-model.ts), up to MAX_COLUMNS, each
   * keeping this column's overrides. Returns how many hosts filled the columns.
   */
  fillHosts: (columnId: string) => number
  /** Gives every column without a model the next default (`refKey`s) not already shown. */
  fillEmptyModels: (defaults: string[]) => void
  /** Loads a past run's columns (History → re-run). */
  loadColumns: (request: RunRequest) => void
  /** Restores the saved draft's columns. */
  loadColumnsDraft: (draft: Draft) => void
}

const emptyColumn = (): ColumnConfig => ({ columnId: newId('c'), model: '', overrides: {} })

function withRef(column: ColumnConfig, ref: ModelRef): ColumnConfig {
  const next: ColumnConfig = { columnId: column.columnId, model: ref.model, overrides: column.overrides }
  if (ref.endpointId) next.endpointId = ref.endpointId
  return next
}

export const createColumnsSlice: SliceCreator<ColumnsSlice> = () => (set, get) => {
  /** Defaults whose endpoint (if any) still exists, as refs. */
  const usableDefaults = (keys: string[]): ModelRef[] => {
    const endpoints = new Set((get().settings?.endpoints ?? []).map((e) => e.id))
    return keys.map(parseRefKey).filter((r) => r.endpointId === undefined || endpoints.has(r.endpointId))
  }
  return {
    columns: [emptyColumn(), emptyColumn()],
    addColumn: () =>
      set((s) => {
        if (s.columns.length >= MAX_COLUMNS) return s
        const used = new Set(s.columns.map((c) => refKey(c)))
        const defaults = usableDefaults(defaultModels(s.catalog, s.settings?.recentModels ?? []))
        const last = s.columns.at(-1)
        const ref = defaults.find((r) => !used.has(refKey(r))) ?? (last?.model ? last : undefined)
        const column = ref ? withRef(emptyColumn(), ref) : emptyColumn()
        return { columns: [...s.columns, column] }
      }),
    removeColumn: (columnId) =>
      set((s) => {
        if (s.columns.length <= 1) return s
        // Its parameter fields go with it: an error there must not block later runs.
        const fieldErrors = Object.fromEntries(
          Object.entries(s.fieldErrors).filter(([id]) => !id.startsWith(`${columnId}:`)),
        )
        return { columns: s.columns.filter((c) => c.columnId !== columnId), fieldErrors }
      }),
    setColumnModel: (columnId, model, endpointId) =>
      set((s) => ({
        columns: s.columns.map((c) =>
          c.columnId === columnId ? withRef(c, endpointId ? { model, endpointId } : { model }) : c,
        ),
      })),
    setColumnOverrides: (columnId, overrides) =>
      set((s) => ({
        columns: s.columns.map((c) => (c.columnId === columnId ? { ...c, overrides: cleanParams(overrides) } : c)),
      })),
    fillHosts: (columnId) => {
      const source = get().columns.find((c) => c.columnId === columnId)
      if (!source?.model) return 0
      const hosts = hostsServing(source.model, get().catalog).slice(0, MAX_COLUMNS)
      if (hosts.length < 2) return hosts.length
      set({
        columns: hosts.map((h) =>
          withRef(
            { columnId: newId('c'), model: '', overrides: { ...source.overrides } },
            h.endpointId ? { model: h.model, endpointId: h.endpointId } : { model: h.model },
          ),
        ),
      })
      return hosts.length
    },
    fillEmptyModels: (defaults) =>
      set((s) => {
        const used = new Set(s.columns.map((c) => refKey(c)))
        const pool = usableDefaults(defaults).filter((r) => !used.has(refKey(r)))
        if (!s.columns.some((c) => c.model === '') || pool.length === 0) return s
        return { columns: s.columns.map((c) => (c.model === '' && pool.length > 0 ? withRef(c, pool.shift()!) : c)) }
      }),
    loadColumns: (request) =>
      set({
        columns: request.columns
          .slice(0, MAX_COLUMNS)
          .map((spec) => withRef({ columnId: newId('c'), model: '', overrides: cleanParams(spec.params ?? {}) }, spec)),
      }),
    loadColumnsDraft: (draft) =>
      set({
        columns: draft.columns
          .slice(0, MAX_COLUMNS)
          .map((c) => withRef({ columnId: newId('c'), model: '', overrides: cleanParams(c.overrides) }, c)),
      }),
  }
}
