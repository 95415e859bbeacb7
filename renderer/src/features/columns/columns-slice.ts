import type { RunParams, RunRequest } from '../../../../main/common/api'
import { newId } from '../../store/ids'
import type { SliceCreator } from '../../store/types'
import { cleanParams } from '../prompt/prompt-slice'

export const MAX_COLUMNS = 8

/** One column of the layout: which model, and which parameters it overrides. */
export interface ColumnConfig {
  columnId: string
  /** `provider/model`; empty until picked. */
  model: string
  endpointId?: string
  overrides: RunParams
}

export interface ColumnsSlice {
  columns: ColumnConfig[]
  addColumn: () => void
  removeColumn: (columnId: string) => void
  setColumnModel: (columnId: string, model: string, endpointId?: string) => void
  setColumnOverrides: (columnId: string, overrides: RunParams) => void
  /** Gives every column without a model the next default not already shown. */
  fillEmptyModels: (defaults: string[]) => void
  /** Loads a past run's columns (History → re-run). */
  loadColumns: (request: RunRequest) => void
}

const emptyColumn = (): ColumnConfig => ({ columnId: newId('c'), model: '', overrides: {} })

export const createColumnsSlice: SliceCreator<ColumnsSlice> = () => (set) => ({
  columns: [emptyColumn(), emptyColumn()],
  addColumn: () => set((s) => (s.columns.length >= MAX_COLUMNS ? s : { columns: [...s.columns, emptyColumn()] })),
  removeColumn: (columnId) =>
    set((s) => (s.columns.length <= 1 ? s : { columns: s.columns.filter((c) => c.columnId !== columnId) })),
  setColumnModel: (columnId, model, endpointId) =>
    set((s) => ({
      columns: s.columns.map((c) => {
        if (c.columnId !== columnId) return c
        const next: ColumnConfig = { columnId, model, overrides: c.overrides }
        if (endpointId) next.endpointId = endpointId
        return next
      }),
    })),
  setColumnOverrides: (columnId, overrides) =>
    set((s) => ({
      columns: s.columns.map((c) => (c.columnId === columnId ? { ...c, overrides: cleanParams(overrides) } : c)),
    })),
  fillEmptyModels: (defaults) =>
    set((s) => {
      const used = new Set(s.columns.map((c) => c.model))
      const pool = defaults.filter((m) => !used.has(m))
      if (!s.columns.some((c) => c.model === '') || pool.length === 0) return s
      return { columns: s.columns.map((c) => (c.model === '' && pool.length > 0 ? { ...c, model: pool.shift()! } : c)) }
    }),
  loadColumns: (request) =>
    set({
      columns: request.columns.slice(0, MAX_COLUMNS).map((spec) => {
        const column: ColumnConfig = {
          columnId: newId('c'),
          model: spec.model,
          overrides: cleanParams(spec.params ?? {}),
        }
        if (spec.endpointId) column.endpointId = spec.endpointId
        return column
      }),
    }),
})
