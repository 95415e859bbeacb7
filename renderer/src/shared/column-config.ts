import type { RunParams } from '../../../main/common/api'

/**
 * One column of the layout: which model (and which endpoint serves it), and which
 * parameters it overrides. The columns slice keeps them; the request builder
 * (features/prompt/build-request.ts) and the draft read them.
 */
export interface ColumnConfig {
  columnId: string
  /** `provider/model`; empty until picked. */
  model: string
  /** Set when a custom endpoint from Settings serves the model. */
  endpointId?: string
  overrides: RunParams
}
