import type { ColumnSpec, RunExtras, RunRequest } from '../../../../main/common/api'
import type { ColumnConfig } from '../columns/columns-slice'
import { cleanParams, type PromptSlice } from './prompt-slice'

export type RequestInputs = Pick<PromptSlice, 'system' | 'turns' | 'params'> & { columns: ColumnConfig[] }

/** The request for the current prompt and columns, or the reason it cannot run yet. */
export function buildRunRequest(
  s: RequestInputs,
  extra: RunExtras = {},
): { request: RunRequest } | { problem: string } {
  const messages = s.turns.filter((t) => t.content.trim() !== '').map((t) => ({ role: t.role, content: t.content }))
  if (messages.length === 0) return { problem: 'Write a message first.' }
  const missing = s.columns.findIndex((c) => c.model.trim() === '')
  if (missing !== -1) return { problem: `Pick a model for column ${missing + 1}.` }
  const columns = s.columns.map((c) => {
    const spec: ColumnSpec = { columnId: c.columnId, model: c.model.trim() }
    if (c.endpointId) spec.endpointId = c.endpointId
    const params = cleanParams(c.overrides)
    if (Object.keys(params).length > 0) spec.params = params
    return spec
  })
  const request: RunRequest = { messages, params: cleanParams(s.params), columns, ...extra }
  if (s.system.trim() !== '') request.system = s.system
  return { request }
}
