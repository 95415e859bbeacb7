/**
 * Runs a load plan against one target through the engine: warm-up requests first (left
 * out), then each level — a closed loop of N workers (concurrency sweep) or an open loop
 * of Poisson arrivals at a rate — and reports per level the throughput against TTFT and
 * token-ITL percentiles: the curve whose knee is the server's capacity. Every request is
 * measured as a column call is (measures.ts), so the figures mean the same thing.
 */

import type { LevelResult, LoadPlan, LoadResult, Tail } from '../../common/load'
import { type Arrival, addArrivals, callMeasures } from '../../common/measures'
import { exponential, seededRandom } from '../../common/random'
import { nearestRank } from '../../common/stats'
import { shownParts } from '../../common/stream-parts'
import { type Engine, errorText } from '../engine'
import type { ColumnTarget } from '../runs/resolve-call'

export type { LevelResult, LoadResult, Tail }

export interface LoadDeps {
  engine: Engine
  now?: () => number
  signal?: AbortSignal
  /** Called after each request ends (warm-up included), for progress. */
  onRequestEnd?: (info: { level: number | 'warmup'; ok: boolean }) => void
  /** The levels done so far, after each level. */
  onLevelEnd?: (partial: LoadResult) => void
  /** Waits `ms` between Poisson arrivals. */
  sleep?: (ms: number) => Promise<void>
}

interface One {
  ok: boolean
  startedAt: number
  endedAt: number
  ttftMs: number | null
  e2eMs: number | null
  tokens: number
  itl: number[]
  error?: string
}

export async function runLoad(target: ColumnTarget, plan: LoadPlan, deps: LoadDeps): Promise<LoadResult> {
  const now = deps.now ?? (() => performance.now())
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const one = () => request(target, deps, now)
  for (let i = 0; i < plan.warmup && !deps.signal?.aborted; i++) {
    const r = await one()
    deps.onRequestEnd?.({ level: 'warmup', ok: r.ok })
  }
  const random = seededRandom(plan.seed)
  const levels: LevelResult[] = []
  for (const level of plan.levels) {
    if (deps.signal?.aborted) break
    const done = (r: One) => {
      deps.onRequestEnd?.({ level, ok: r.ok })
      return r
    }
    let results: One[]
    if (plan.kind === 'sweep') {
      results = []
      let started = 0
      const worker = async () => {
        while (started < plan.requestsPerLevel && !deps.signal?.aborted) {
          started++
          results.push(done(await one()))
        }
      }
      await Promise.all(Array.from({ length: Math.min(level, plan.requestsPerLevel) }, worker))
    } else {
      const pending: Promise<One>[] = []
      for (let i = 0; i < plan.requestsPerLevel && !deps.signal?.aborted; i++) {
        if (i > 0) await sleep(exponential(random, level) * 1000)
        pending.push(one().then(done))
      }
      results = await Promise.all(pending)
    }
    levels.push(summarize(level, results))
    deps.onLevelEnd?.({ kind: plan.kind, levels: [...levels] })
  }
  return { kind: plan.kind, levels }
}

async function request(target: ColumnTarget, deps: LoadDeps, now: () => number): Promise<One> {
  const startedAt = now()
  const controller = new AbortController()
  const onAbort = () => controller.abort()
  deps.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const stream = await deps.engine.stream({ ...target.call, signal: controller.signal })
    const arrivals: Arrival[] = []
    for await (const batch of stream) addArrivals(arrivals, shownParts(batch))
    const m = callMeasures(arrivals, stream.timing, stream.usage)
    return {
      ok: true,
      startedAt,
      endedAt: now(),
      ttftMs: m.ttftMs,
      e2eMs: m.e2eMs,
      tokens: m.tokens,
      itl: m.tokenItlMs,
    }
  } catch (err) {
    return {
      ok: false,
      startedAt,
      endedAt: now(),
      ttftMs: null,
      e2eMs: null,
      tokens: 0,
      itl: [],
      error: `${err instanceof Error ? err.name : 'Error'}: ${errorText(err)}`,
    }
  } finally {
    deps.signal?.removeEventListener('abort', onAbort)
  }
}

function tail(values: number[]): Tail | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) }
}

export function summarize(level: number, results: One[]): LevelResult {
  const ok = results.filter((r) => r.ok)
  const start = Math.min(...results.map((r) => r.startedAt))
  const end = Math.max(...results.map((r) => r.endedAt))
  const durationMs = results.length > 0 ? Math.max(end - start, 1e-3) : 0
  const tokens = ok.reduce((s, r) => s + r.tokens, 0)
  const failed = results.find((r) => !r.ok)
  const out: LevelResult = {
    level,
    requests: results.length,
    failures: results.length - ok.length,
    durationMs,
    requestsPerS: durationMs > 0 ? (ok.length / durationMs) * 1000 : 0,
    outputTokensPerS: durationMs > 0 ? (tokens / durationMs) * 1000 : 0,
    ttftMs: tail(ok.flatMap((r) => (r.ttftMs === null ? [] : [r.ttftMs]))),
    itlMs: tail(ok.flatMap((r) => r.itl)),
    e2eMs: tail(ok.flatMap((r) => (r.e2eMs === null ? [] : [r.e2eMs]))),
  }
  if (failed?.error) out.firstError = failed.error
  return out
}
