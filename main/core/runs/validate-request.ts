/**
 * Checks a RunRequest from the renderer and rebuilds it from known fields only,
 * so what is stored in history is exactly the request's shape and nothing a
 * caller smuggled in. Throws InputError with a message fit for the UI.
 */
import type { ChatTurn, ColumnSpec, RunParams, RunRequest } from '../../common/api'
import { InputError } from '../input-error'
import { addMeasureOptions } from './validate-measure-options'

export const MAX_COLUMNS = 8
export const MAX_REPEAT = 50

export function validateRunRequest(raw: unknown): RunRequest {
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
      spec.endpointId = col.endpointId
    }
    if (col.params !== undefined) spec.params = validateParams(col.params, `column ${i + 1} parameters`)
    return spec
  })
  const request: RunRequest = { messages, params: validateParams(r.params ?? {}, 'parameters'), columns }
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

function validateParams(raw: unknown, what: string): RunParams {
  const p = asObject(raw, what)
  const out: RunParams = {}
  const num = (key: 'temperature' | 'top_p' | 'seed', min: number, max: number) => {
    const v = p[key]
    if (v === undefined || v === null) return
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new InputError(`${what}: ${key} must be a number from ${min} to ${max}`)
    }
    out[key] = v
  }
  num('temperature', 0, 2)
  num('top_p', 0, 1)
  num('seed', -(2 ** 53), 2 ** 53)
  if (p.max_tokens !== undefined && p.max_tokens !== null) {
    if (!Number.isInteger(p.max_tokens) || (p.max_tokens as number) < 1) {
      throw new InputError(`${what}: max_tokens must be a positive integer`)
    }
    out.max_tokens = p.max_tokens as number
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
