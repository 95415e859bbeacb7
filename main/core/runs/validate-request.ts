/**
 * Checks a RunRequest from the renderer and rebuilds it from known fields only,
 * so what is stored in history is exactly the request's shape and nothing a
 * caller smuggled in. Numbers are checked against the one parameter table
 * (param-table.ts); a provider the engine does not know, or an endpoint that no
 * longer exists, is refused before anything is sent; an endpoint column gets its
 * endpoint's current name. Throws InputError with a message fit for the UI.
 */
import type { ChatTurn, ColumnSpec, RunParams, RunRequest } from '../../common/api'
import { MAX_COLUMNS, MAX_REPEAT } from '../../common/limits'
import { providerOfModel } from '../../common/model-ref'
import { type ParamRange, rangeProblem } from '../../common/param-ranges'
import { InputError } from '../api/input-error'
import { rangeOf } from './param-table'
import { SIMULATED_PROVIDER } from './simulated'
import { addMeasureOptions } from './validate-measure-options'

export { MAX_COLUMNS, MAX_REPEAT }

/** What a request is checked against, read when the run starts. */
export interface ValidationContext {
  ranges: readonly ParamRange[]
  /** Provider names the engine routes (`providers()`). */
  providers: readonly string[]
  endpoints: ReadonlyArray<{ id: string; name: string }>
}

export function validateRunRequest(raw: unknown, ctx: ValidationContext): RunRequest {
  const r = asObject(raw, 'the run request')
  if (!Array.isArray(r.messages) || r.messages.length === 0) throw new InputError('a run needs at least one message')
  const messages: ChatTurn[] = r.messages.map((m, i) => {
    const t = asObject(m, `message ${i + 1}`)
    if (t.role !== 'user' && t.role !== 'assistant')
      throw new InputError(`message ${i + 1}: role must be user or assistant`)
    if (typeof t.content !== 'string') throw new InputError(`message ${i + 1}: content must be text`)
    return { role: t.role, content: t.content }
  })
  if (!Array.isArray(r.columns) || r.columns.length < 1 || r.columns.length > MAX_COLUMNS) {
    throw new InputError(`a run has 1 to ${MAX_COLUMNS} columns`)
  }
  const ids = new Set<string>()
  const columns: ColumnSpec[] = r.columns.map((c, i) => {
    const col = asObject(c, `column ${i + 1}`)
    if (typeof col.columnId !== 'string' || !col.columnId) throw new InputError(`column ${i + 1}: columnId missing`)
    if (ids.has(col.columnId)) throw new InputError(`column ${i + 1}: duplicate columnId "${col.columnId}"`)
    ids.add(col.columnId)
    // A custom endpoint's model may be bare (`llama3`); anything else names its provider.
    const shape = col.endpointId === undefined ? /^[^/\s]+\/\S/ : /^\S/
    if (typeof col.model !== 'string' || !shape.test(col.model)) {
      throw new InputError(`column ${i + 1}: model must look like provider/model, got "${String(col.model)}"`)
    }
    const spec: ColumnSpec = { columnId: col.columnId, model: col.model }
    if (col.endpointId !== undefined) {
      if (typeof col.endpointId !== 'string') throw new InputError(`column ${i + 1}: endpointId must be text`)
      const endpoint = ctx.endpoints.find((e) => e.id === col.endpointId)
      if (!endpoint) {
        throw new InputError(
          `column ${i + 1}: the custom endpoint of "${col.model}" no longer exists: pick the model again`,
        )
      }
      spec.endpointId = endpoint.id
      spec.endpointName = endpoint.name
    } else {
      checkProvider(col.model, i + 1, ctx.providers)
    }
    if (col.params !== undefined) spec.params = validateParams(col.params, `column ${i + 1} parameters`, ctx.ranges)
    return spec
  })
  const request: RunRequest = {
    messages,
    params: validateParams(r.params ?? {}, 'parameters', ctx.ranges),
    columns,
  }
  if (r.system !== undefined) {
    if (typeof r.system !== 'string') throw new InputError('the system prompt must be text')
    if (r.system) request.system = r.system
  }
  if (r.repeat !== undefined) {
    const rep = asObject(r.repeat, 'repeat')
    if (!Number.isInteger(rep.count) || (rep.count as number) < 1 || (rep.count as number) > MAX_REPEAT) {
      throw new InputError(`repeat count must be 1 to ${MAX_REPEAT}`)
    }
    if (rep.mode !== 'sequential' && rep.mode !== 'concurrent')
      throw new InputError('repeat mode must be sequential or concurrent')
    request.repeat = { count: rep.count as number, mode: rep.mode }
  }
  if (r.prewarm !== undefined) request.prewarm = r.prewarm === true
  addMeasureOptions(r, request)
  return request
}

/** A provider the engine cannot route fails here, naming the ones it can. */
function checkProvider(model: string, n: number, providers: readonly string[]): void {
  const provider = providerOfModel(model)
  if (provider === SIMULATED_PROVIDER || providers.includes(provider)) return
  throw new InputError(
    `column ${n}: unknown provider "${provider}" in "${model}"; known providers: ${[SIMULATED_PROVIDER, ...providers].join(', ')}`,
  )
}

const NUMERIC = ['temperature', 'top_p', 'max_tokens', 'seed'] as const

function validateParams(raw: unknown, what: string, ranges: readonly ParamRange[]): RunParams {
  const p = asObject(raw, what)
  const out: RunParams = {}
  for (const key of NUMERIC) {
    const v = p[key]
    if (v === undefined || v === null) continue
    const problem = typeof v === 'number' ? rangeProblem(rangeOf(ranges, key), v) : 'use a number'
    if (problem) throw new InputError(`${what}: ${key} is ${JSON.stringify(v)}: ${problem}`)
    out[key] = v as number
  }
  if (p.stop !== undefined && p.stop !== null) {
    if (!Array.isArray(p.stop) || !p.stop.every((s) => typeof s === 'string')) {
      throw new InputError(`${what}: stop must be a list of strings`)
    }
    if (p.stop.length > 0) out.stop = [...p.stop]
  }
  if (p.reasoning_effort !== undefined && p.reasoning_effort !== null) {
    if (p.reasoning_effort !== 'low' && p.reasoning_effort !== 'medium' && p.reasoning_effort !== 'high') {
      throw new InputError(`${what}: reasoning_effort must be low, medium or high`)
    }
    out.reasoning_effort = p.reasoning_effort
  }
  return out
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(`${what} must be an object`)
  return v as Record<string, unknown>
}
