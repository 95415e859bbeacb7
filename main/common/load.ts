/**
 * Load mode's contract (servers you own): the plan, the request, the estimate shown
 * before anything is sent, the per-level results and the status the app polls.
 */
import type { ChatTurn, RunParams } from './api'

export interface LoadPlan {
  /** `sweep`: closed loop at each concurrency; `poisson`: open loop, arrivals at each rate (requests/s). */
  kind: 'sweep' | 'poisson'
  /** Concurrencies (sweep) or arrival rates in requests per second (poisson). */
  levels: number[]
  requestsPerLevel: number
  /** Requests sent first and left out of the figures (connections, caches, model load). */
  warmup: number
  /** Seeds the Poisson arrivals, so a plan replays the same schedule. */
  seed: number
}

export interface LoadRequest {
  system?: string
  messages: ChatTurn[]
  params: RunParams
  model: string
  endpointId?: string
  plan: LoadPlan
  /** The caller saw the estimate and confirmed a cloud provider. */
  confirmedCloud: boolean
  /** Request cap (default 1000). */
  cap?: number
}

export interface LoadEstimate {
  requests: number
  /** USD, or null when the model's price is unknown (a local server costs nothing: 0). */
  costUsd: number | null
  local: boolean
}

export interface Tail {
  p50: number
  p95: number
  p99: number
}

export interface LevelResult {
  /** Concurrency (sweep) or arrival rate in requests/s (poisson). */
  level: number
  requests: number
  failures: number
  /** First request's start to last request's end. */
  durationMs: number
  requestsPerS: number
  /** Output tokens of every finished request over the level's duration. */
  outputTokensPerS: number
  ttftMs: Tail | null
  /** Pooled token inter-token latencies of every finished request. */
  itlMs: Tail | null
  e2eMs: Tail | null
  /** The first failure's message, when some failed. */
  firstError?: string
}

export interface LoadResult {
  kind: LoadPlan['kind']
  levels: LevelResult[]
}

export interface LoadStatus {
  loadId: string
  state: 'running' | 'done' | 'failed' | 'stopped'
  /** Requests ended so far (warm-up included) of `total`. */
  ended: number
  total: number
  /** The levels finished so far; all of them once done. */
  result: LoadResult | null
  error?: string
}
