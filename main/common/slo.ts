/**
 * Service-level objectives: the limits a user sets on time to first token, time to
 * first answer, the 95th percentile of token ITL and the end-to-end time. Every run is
 * within or outside them; goodput is the share of runs within (vLLM's and AIPerf's
 * "goodput", as a share of runs rather than a rate, since a Run ×N is not a load test).
 * A failed run, or one where a limited measure could not be taken, is outside.
 */
import type { CallMeasures } from './measures'

export interface Slo {
  ttftMs?: number
  ttfaMs?: number
  itlP95Ms?: number
  e2eMs?: number
}

export type SloMetric = keyof Slo

export const SLO_METRICS: ReadonlyArray<{ key: SloMetric; label: string }> = [
  { key: 'ttftMs', label: 'TTFT' },
  { key: 'ttfaMs', label: 'TTFA' },
  { key: 'itlP95Ms', label: 'ITL p95' },
  { key: 'e2eMs', label: 'End-to-end' },
]

/** Largest limit accepted (one hour): anything longer is a typo. */
export const SLO_MAX_MS = 3_600_000

export interface SloCheck {
  metric: SloMetric
  limitMs: number
  valueMs: number | null
  ok: boolean
}

export interface SloVerdict {
  within: boolean
  checks: SloCheck[]
  /** Set when the run failed: it is outside whatever the limits. */
  failed: boolean
}

/** Whether any limit is set. */
export function hasSlo(slo: Slo | undefined | null): slo is Slo {
  return !!slo && SLO_METRICS.some(({ key }) => slo[key] !== undefined)
}

export function sloValue(m: CallMeasures, metric: SloMetric): number | null {
  switch (metric) {
    case 'ttftMs':
      return m.ttftMs
    case 'ttfaMs':
      return m.ttfaMs
    case 'itlP95Ms':
      return m.itl?.p95 ?? null
    case 'e2eMs':
      return m.e2eMs
  }
}

/** A run's verdict; `measures` null means the run failed. */
export function evaluateSlo(measures: CallMeasures | null, slo: Slo): SloVerdict {
  const checks: SloCheck[] = []
  for (const { key } of SLO_METRICS) {
    const limitMs = slo[key]
    if (limitMs === undefined) continue
    const valueMs = measures ? sloValue(measures, key) : null
    checks.push({ metric: key, limitMs, valueMs, ok: valueMs !== null && valueMs <= limitMs })
  }
  const failed = measures === null
  return { within: !failed && checks.every((c) => c.ok), checks, failed }
}

export interface Goodput {
  within: number
  runs: number
  /** within / runs; null for no runs. */
  share: number | null
}

export function goodput(verdicts: readonly SloVerdict[]): Goodput {
  const within = verdicts.filter((v) => v.within).length
  return { within, runs: verdicts.length, share: verdicts.length === 0 ? null : within / verdicts.length }
}

/** Checks a caller's SLO (the app's fields, a CLI spec): returns it cleaned, or the problem. */
export function parseSlo(raw: unknown): { ok: true; slo: Slo } | { ok: false; problem: string } {
  if (raw === undefined || raw === null) return { ok: true, slo: {} }
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, problem: 'slo must be an object of limits in ms' }
  const slo: Slo = {}
  const known = new Set<string>(SLO_METRICS.map((m) => m.key))
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!known.has(key)) {
      return { ok: false, problem: `slo.${key} is not a limit: use ${[...known].join(', ')}` }
    }
    if (value === undefined || value === null) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > SLO_MAX_MS) {
      return { ok: false, problem: `slo.${key} must be a number of ms greater than 0 and at most ${SLO_MAX_MS}` }
    }
    slo[key as SloMetric] = value
  }
  return { ok: true, slo }
}
