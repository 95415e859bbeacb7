import type { CatalogGroup, ColumnSpec, RunExtras, RunRequest } from '../../../../main/common/api'
import { ENDPOINT_PREFIX, providerOfModel } from '../../../../main/common/model-ref'
import { cleanParams } from '../../shared/clean-params'
import type { ColumnConfig } from '../../shared/column-config'
import type { FieldError, PromptSlice } from './prompt-slice'

export type RequestInputs = Pick<PromptSlice, 'system' | 'turns' | 'params'> & {
  columns: ColumnConfig[]
  fieldErrors?: Record<string, FieldError>
  /** The catalog: a model whose provider it does not list is refused before Run. */
  catalog?: CatalogGroup[]
}

/** A reason the run cannot start, and the field to fix when there is one. */
export interface RunProblem {
  problem: string
  focus?: string
}

/** Provider names the catalog lists (not the custom endpoints' groups), alphabetically. */
export function knownProviders(catalog: CatalogGroup[]): string[] {
  return catalog
    .map((g) => g.provider)
    .filter((p) => !p.startsWith(ENDPOINT_PREFIX))
    .sort()
}

/** Why `model` cannot be sent as typed, or null. Only a catalog that loaded can say a provider is unknown. */
export function unknownProviderProblem(model: string, catalog: CatalogGroup[]): string | null {
  const known = knownProviders(catalog)
  if (known.length === 0) return null
  const provider = providerOfModel(model)
  if (provider && known.includes(provider)) return null
  const what = provider ? `Unknown provider "${provider}"` : `"${model}" names no provider`
  return `${what}: use one of ${known.join(', ')} (as provider/model)`
}

/** The request for the current prompt and columns, or the reason it cannot run yet. */
export function buildRunRequest(s: RequestInputs, extra: RunExtras = {}): { request: RunRequest } | RunProblem {
  const invalid = Object.values(s.fieldErrors ?? {})[0]
  if (invalid) return { problem: `Fix ${invalid.label}: ${invalid.problem}.`, focus: invalid.elementId }
  const messages = s.turns.filter((t) => t.content.trim() !== '').map((t) => ({ role: t.role, content: t.content }))
  if (messages.length === 0) return { problem: 'Write a message first.' }
  const missing = s.columns.findIndex((c) => c.model.trim() === '')
  if (missing !== -1) return { problem: `Pick a model for column ${missing + 1}.` }
  for (const [i, c] of s.columns.entries()) {
    if (c.endpointId) continue
    const problem = unknownProviderProblem(c.model.trim(), s.catalog ?? [])
    if (problem) return { problem: `Column ${i + 1}: ${problem}.` }
  }
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
