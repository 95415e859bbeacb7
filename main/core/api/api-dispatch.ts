/**
 * The request/response methods of PlaygroundApi, callable with untrusted
 * positional arguments (a JSON body in browser mode, IPC arguments in
 * Electron): each entry checks the types before calling the core, since a
 * renderer is not trusted more than any other client. `startRun`/`stopRun`
 * stream, so each shell handles them itself.
 */
import type { PlaygroundApi } from '../../common/api'
import type { LoadRequest } from '../../common/load'
import { InputError } from './input-error'

type StreamedMethods = 'startRun' | 'stopRun'
type Handler = (api: PlaygroundApi, args: unknown[]) => Promise<unknown>

export const API_METHODS = {
  catalog: (api) => api.catalog(),
  listHistory: (api, [query]) => api.listHistory(optional(query, 'query')),
  getRun: (api, [runId]) => api.getRun(text(runId, 'runId')),
  deleteRun: (api, [runId]) => api.deleteRun(text(runId, 'runId')),
  exportRun: (api, [runId, format]) => {
    if (format !== 'json' && format !== 'csv' && format !== 'html' && format !== 'markdown') {
      throw new InputError('format must be "json", "csv", "html" or "markdown"')
    }
    return api.exportRun(text(runId, 'runId'), format)
  },
  snippet: (api, [runId, columnId]) => api.snippet(text(runId, 'runId'), text(columnId, 'columnId')),
  getSettings: (api) => api.getSettings(),
  setKey: (api, [provider, key]) => api.setKey(text(provider, 'provider'), key === null ? null : text(key, 'key')),
  saveEndpoint: (api, [endpoint]) => {
    if (!endpoint || typeof endpoint !== 'object')
      throw new InputError('saveEndpoint takes { id?, name, baseUrl, key? }')
    const e = endpoint as Record<string, unknown>
    const input: Parameters<PlaygroundApi['saveEndpoint']>[0] = {
      name: text(e.name, 'name'),
      baseUrl: text(e.baseUrl, 'baseUrl'),
    }
    if (e.id !== undefined) input.id = text(e.id, 'id')
    if (e.key !== undefined) input.key = e.key === null ? null : text(e.key, 'key')
    return api.saveEndpoint(input)
  },
  deleteEndpoint: (api, [id]) => api.deleteEndpoint(text(id, 'id')),
  updateSettings: (api, [patch]) => {
    if (!patch || typeof patch !== 'object') {
      throw new InputError('updateSettings takes { theme?, simulated?, streamTimeoutS? }')
    }
    const p = patch as Record<string, unknown>
    const out: Parameters<PlaygroundApi['updateSettings']>[0] = {}
    if (p.theme !== undefined) out.theme = p.theme as 'light' | 'dark' | 'system'
    if (p.simulated !== undefined) {
      const s = (p.simulated ?? {}) as Record<string, unknown>
      out.simulated = { ttftMs: Number(s.ttftMs), tokensPerSecond: Number(s.tokensPerSecond) }
    }
    if (p.streamTimeoutS !== undefined) {
      if (p.streamTimeoutS !== null && typeof p.streamTimeoutS !== 'number') {
        throw new InputError('streamTimeoutS must be a number of seconds, or null for no limit')
      }
      out.streamTimeoutS = p.streamTimeoutS
    }
    return api.updateSettings(out)
  },
  paramRanges: (api) => api.paramRanges(),
  getDraft: (api) => api.getDraft(),
  // The draft's shape is checked by the core (draft-store.ts), field by field.
  saveDraft: (api, [draft]) => api.saveDraft(draft as Parameters<PlaygroundApi['saveDraft']>[0]),
  estimateLoad: (api, [request]) => api.estimateLoad(loadRequest(request)),
  startLoad: (api, [request]) => api.startLoad(loadRequest(request)),
  loadStatus: (api, [loadId]) => api.loadStatus(text(loadId, 'loadId')),
  stopLoad: (api, [loadId]) => api.stopLoad(text(loadId, 'loadId')),
} satisfies Record<Exclude<keyof PlaygroundApi, StreamedMethods>, Handler>

export type ApiMethodName = keyof typeof API_METHODS

export function isApiMethod(name: string): name is ApiMethodName {
  return Object.hasOwn(API_METHODS, name)
}

/**
 * A load request's shape; its prompt and model are then checked by the run request's
 * rules and its plan by the load guard (load-service.ts, load-plan.ts).
 */
function loadRequest(v: unknown): LoadRequest {
  if (!v || typeof v !== 'object') throw new InputError('a load request must be an object')
  const r = v as Record<string, unknown>
  const plan = (r.plan ?? {}) as Record<string, unknown>
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.levels)) {
    throw new InputError('a load request needs plan: { kind, levels, requestsPerLevel, warmup, seed }')
  }
  const out: LoadRequest = {
    messages: r.messages as LoadRequest['messages'],
    params: (r.params ?? {}) as LoadRequest['params'],
    model: text(r.model, 'model'),
    plan: {
      kind: plan.kind as LoadRequest['plan']['kind'],
      levels: plan.levels.map(Number),
      requestsPerLevel: Number(plan.requestsPerLevel),
      warmup: Number(plan.warmup ?? 0),
      seed: Number(plan.seed ?? 1),
    },
    confirmedCloud: r.confirmedCloud === true,
  }
  if (r.system !== undefined) out.system = text(r.system, 'system')
  if (r.endpointId !== undefined) out.endpointId = text(r.endpointId, 'endpointId')
  if (r.cap !== undefined) out.cap = Number(r.cap)
  return out
}

function text(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new InputError(`${name} must be a string`)
  return v
}

function optional(v: unknown, name: string): string | undefined {
  return v === undefined || v === null ? undefined : text(v, name)
}
