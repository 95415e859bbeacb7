/**
 * Load mode behind the core: a load request (a prompt, one model, a plan) is validated by
 * the run request's own rules, resolved to its call like a column (keys, endpoints,
 * the simulated provider), guarded (load-plan.ts), then run (load-runner.ts).
 */
import type { ColumnSpec, RunRequest } from '../../common/api'
import type { LoadRequest } from '../../common/load'
import type { Engine } from '../engine'
import type { ColumnTarget } from '../runs/resolve-call'
import { type ValidationContext, validateRunRequest } from '../runs/validate-request'
import { guardLoad, type LoadEstimate } from './load-plan'
import { type LoadDeps, type LoadResult, runLoad } from './load-runner'

export interface LoadService {
  /** Requests, estimated cost and whether the target is local; throws LoadRefusedError when it may not run. */
  estimate(request: LoadRequest): Promise<LoadEstimate>
  run(request: LoadRequest, deps?: Omit<LoadDeps, 'engine'>): Promise<{ estimate: LoadEstimate; result: LoadResult }>
}

export function createLoadService(deps: {
  engine: Engine
  resolve(request: RunRequest): Promise<{ targets: Map<string, ColumnTarget> }>
  /** What the request is checked against: the run request's own context (providers, ranges, endpoints). */
  validation: () => ValidationContext
}): LoadService {
  const target = async (request: LoadRequest) => {
    const column: ColumnSpec = { columnId: 'load', model: request.model }
    if (request.endpointId !== undefined) column.endpointId = request.endpointId
    const raw: Record<string, unknown> = { messages: request.messages, params: request.params, columns: [column] }
    if (request.system !== undefined) raw.system = request.system
    const run = validateRunRequest(raw, deps.validation())
    const { targets } = await deps.resolve(run)
    return targets.get('load')!
  }
  return {
    async estimate(request) {
      return guardLoad(await target(request), request.plan, request)
    },
    async run(request, runDeps = {}) {
      const t = await target(request)
      const estimate = guardLoad(t, request.plan, request)
      const result = await runLoad(t, request.plan, { ...runDeps, engine: deps.engine })
      return { estimate, result }
    },
  }
}
