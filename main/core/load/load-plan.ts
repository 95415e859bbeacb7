/**
 * A load test's plan and its guard. Load mode is for servers you own: it refuses a cloud
 * provider unless the caller confirmed it, refuses plans above the request cap, and says
 * beforehand how many requests it will send and what they may cost.
 */
import type { LoadEstimate, LoadPlan } from '../../common/load'
import { InputError } from '../api/input-error'
import type { ColumnTarget } from '../runs/resolve-call'

export type { LoadEstimate, LoadPlan }

/** Most requests one load test may send, whatever the plan says, unless the caller raises it. */
export const DEFAULT_REQUEST_CAP = 1000
/** Largest concurrency a sweep level may ask for. */
export const MAX_CONCURRENCY = 256
/** Output tokens assumed per request for the cost estimate when max_tokens is not set. */
export const ASSUMED_OUTPUT_TOKENS = 512

/** The plan cannot run as asked: why, and what to do. */
export class LoadRefusedError extends InputError {
  override name = 'LoadRefusedError'
}

/** 1, 2, 4, … up to and including `max` (and `max` itself when it is not a power of two). */
export function doublingLevels(max: number): number[] {
  const out: number[] = []
  for (let c = 1; c < max; c *= 2) out.push(c)
  out.push(max)
  return out
}

export function totalRequests(plan: LoadPlan): number {
  return plan.warmup + plan.levels.length * plan.requestsPerLevel
}

export function estimateLoad(target: ColumnTarget, plan: LoadPlan): LoadEstimate {
  const requests = totalRequests(plan)
  const promptChars = target.call.messages.reduce((s, m) => s + m.content.length, 0)
  const perRequest = target.cost(Math.ceil(promptChars / 4), target.call.max_tokens ?? ASSUMED_OUTPUT_TOKENS)
  return {
    requests,
    costUsd: perRequest === null ? null : perRequest * requests,
    local: target.simulated || target.errorContext.local,
  }
}

export function checkPlan(plan: LoadPlan): void {
  if (plan.kind !== 'sweep' && plan.kind !== 'poisson') throw new LoadRefusedError('load kind must be sweep or poisson')
  if (plan.levels.length === 0) throw new LoadRefusedError('a load test needs at least one level')
  for (const level of plan.levels) {
    const ok =
      plan.kind === 'sweep'
        ? Number.isInteger(level) && level >= 1 && level <= MAX_CONCURRENCY
        : Number.isFinite(level) && level > 0 && level <= 1000
    if (!ok) {
      throw new LoadRefusedError(
        plan.kind === 'sweep'
          ? `concurrency levels must be whole numbers from 1 to ${MAX_CONCURRENCY}, got ${level}`
          : `arrival rates must be greater than 0 and at most 1000 requests/s, got ${level}`,
      )
    }
  }
  if (!Number.isInteger(plan.requestsPerLevel) || plan.requestsPerLevel < 1) {
    throw new LoadRefusedError('requests per level must be a whole number ≥ 1')
  }
  if (!Number.isInteger(plan.warmup) || plan.warmup < 0)
    throw new LoadRefusedError('warm-up must be a whole number ≥ 0')
}

/**
 * Throws LoadRefusedError when the plan may not run: a cloud provider without
 * `confirmedCloud`, or more requests than `cap`. Returns the estimate to show first.
 */
export function guardLoad(
  target: ColumnTarget,
  plan: LoadPlan,
  options: { confirmedCloud: boolean; cap?: number },
): LoadEstimate {
  checkPlan(plan)
  const estimate = estimateLoad(target, plan)
  const cap = options.cap ?? DEFAULT_REQUEST_CAP
  if (estimate.requests > cap) {
    throw new LoadRefusedError(
      `the plan sends ${estimate.requests} requests, above the cap of ${cap}: fewer levels or requests per level, or raise the cap`,
    )
  }
  if (!estimate.local && !options.confirmedCloud) {
    const cost = estimate.costUsd === null ? 'an unknown cost' : `about $${estimate.costUsd.toFixed(2)}`
    throw new LoadRefusedError(
      `load mode is for servers you own: ${target.errorContext.providerLabel} is a cloud provider. ` +
        `${estimate.requests} requests would cost ${cost} and may hit its rate limits; confirm to run it anyway`,
    )
  }
  return estimate
}
