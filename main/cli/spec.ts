/**
 * A bench spec: what `npm run cli -- bench <spec.json|yaml>` runs. JSON or YAML, keys in
 * snake_case (camelCase accepted too). Turned into the same RunRequest the app sends;
 * the core checks it with the same validation as the app's runs (validate-request.ts:
 * parameters, providers, endpoints, repeat, SLO) when the run starts — one set of rules.
 *
 *   name: nightly probe            # report title
 *   models: [simulated/alpha, {model: openai/gpt-4o-mini, params: {temperature: 0}}]
 *   system: Be brief.
 *   prompt: Explain TCP slow start # or messages: [{role: user, content: …}]
 *   params: {max_tokens: 256, seed: 7}
 *   runs: 10                       # Run ×N
 *   mode: sequential               # or concurrent
 *   cache: alternate               # warm | cold | alternate
 *   cooldown_ms: 500
 *   prewarm: true
 *   slo: {ttft_ms: 800, ttfa_ms: 1500, itl_p95_ms: 80, e2e_ms: 6000}
 *   min_goodput: 0.9               # the gate: share of runs within the SLO per model (default 1)
 *   simulated: {ttft_ms: 50, tokens_per_second: 400}
 *   out: reports/                  # where the JSON, HTML and Markdown go
 */
import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { load as loadYaml } from 'js-yaml'
import type { ColumnSpec, RunRequest } from '../common/api'

export interface BenchSpec {
  name: string
  request: RunRequest
  minGoodput: number
  simulated: { ttftMs: number; tokensPerSecond: number } | null
  out: string | null
  /** `load` runs the load mode (load-spec.ts) instead of a comparison. */
  load: Record<string, unknown> | null
}

/** The spec is unusable: what is wrong and how to fix it. */
export class SpecError extends Error {
  override readonly name = 'SpecError'
}

export function readSpecFile(path: string): BenchSpec {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new SpecError(`cannot read the spec ${path}: ${(err as Error).message}`)
  }
  let raw: unknown
  try {
    raw = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : loadYaml(text)
  } catch (err) {
    throw new SpecError(
      `${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
    )
  }
  return parseSpec(raw)
}

/** snake_case → camelCase, recursively, so `ttft_ms` and `ttftMs` both work. */
function camel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camel)
  if (!v || typeof v !== 'object') return v
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, x]) => [
      k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      // Sampling parameters keep the engine's snake_case names.
      k === 'params' ? x : camel(x),
    ]),
  )
}

const KNOWN = new Set([
  'name',
  'models',
  'system',
  'prompt',
  'messages',
  'params',
  'runs',
  'mode',
  'cache',
  'cooldownMs',
  'prewarm',
  'slo',
  'minGoodput',
  'simulated',
  'out',
  'load',
])

export function parseSpec(input: unknown): BenchSpec {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new SpecError('the spec must be a mapping')
  const s = camel(input) as Record<string, unknown>
  for (const key of Object.keys(s)) {
    if (!KNOWN.has(key)) throw new SpecError(`unknown spec key "${key}": use ${[...KNOWN].join(', ')}`)
  }
  if (!Array.isArray(s.models) || s.models.length === 0) throw new SpecError('models: list at least one model')
  const columns: ColumnSpec[] = s.models.map((m, i) => {
    const columnId = `c${i + 1}`
    if (typeof m === 'string') return { columnId, model: m }
    if (!m || typeof m !== 'object') throw new SpecError(`models[${i}] must be "provider/model" or {model, params}`)
    const o = m as Record<string, unknown>
    const spec: ColumnSpec = { columnId, model: String(o.model ?? '') }
    if (o.endpoint !== undefined) spec.endpointId = String(o.endpoint)
    if (o.params !== undefined) spec.params = o.params as ColumnSpec['params']
    return spec
  })
  let messages: RunRequest['messages']
  if (typeof s.prompt === 'string') messages = [{ role: 'user', content: s.prompt }]
  else if (Array.isArray(s.messages)) messages = s.messages as RunRequest['messages']
  else throw new SpecError('give a prompt (text) or messages (a list of {role, content})')
  const raw: Record<string, unknown> = {
    messages,
    params: s.params ?? {},
    columns,
    repeat: {
      count: s.runs ?? 1,
      mode: s.mode ?? 'sequential',
      cooldownMs: s.cooldownMs,
      cache: s.cache,
    },
  }
  if (s.system !== undefined) raw.system = s.system
  if (s.prewarm !== undefined) raw.prewarm = s.prewarm
  if (s.slo !== undefined) raw.slo = s.slo
  // Shape only here; the core validates the request itself when the run starts.
  const request = raw as unknown as RunRequest
  const minGoodput = s.minGoodput ?? 1
  if (typeof minGoodput !== 'number' || !(minGoodput >= 0 && minGoodput <= 1)) {
    throw new SpecError('min_goodput must be a share from 0 to 1 (1: every run within the SLO)')
  }
  return {
    name: typeof s.name === 'string' && s.name ? s.name : 'EdgeQuake latency report',
    request,
    minGoodput,
    simulated: simulatedOf(s.simulated),
    out: s.out === undefined ? null : String(s.out),
    load: s.load && typeof s.load === 'object' ? (s.load as Record<string, unknown>) : null,
  }
}

function simulatedOf(v: unknown): BenchSpec['simulated'] {
  if (v === undefined) return null
  const o = (v ?? {}) as Record<string, unknown>
  const ttftMs = o.ttftMs
  const tokensPerSecond = o.tokensPerSecond
  if (typeof ttftMs !== 'number' || ttftMs < 0 || typeof tokensPerSecond !== 'number' || tokensPerSecond <= 0) {
    throw new SpecError('simulated needs ttft_ms (≥ 0) and tokens_per_second (> 0)')
  }
  return { ttftMs, tokensPerSecond }
}
