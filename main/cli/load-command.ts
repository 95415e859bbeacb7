/**
 * `bench` with a `load:` section: the load mode for servers you own. Each model of the
 * spec in turn: the estimate first (requests, cost; a cloud provider needs
 * `confirm_cloud: true`), then the levels, then a table of throughput against TTFT and
 * ITL percentiles and the JSON, HTML (the throughput–latency curve) and Markdown reports.
 * Load tests are not recorded in history (they are not comparisons).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Playground } from '../core/create-playground'
import { doublingLevels, type LoadPlan, LoadRefusedError } from '../core/load/load-plan'
import type { LoadResult } from '../core/load/load-runner'
import { loadHtml, loadMarkdown, loadTable } from '../core/report/load-report'
import { type BenchOptions, type CliIo, EXIT } from './cli-io'
import { type BenchSpec, SpecError } from './spec'

export function loadPlanOf(raw: Record<string, unknown>): { plan: LoadPlan; confirmedCloud: boolean; cap?: number } {
  const kind = raw.kind ?? 'sweep'
  if (kind !== 'sweep' && kind !== 'poisson') throw new SpecError('load.kind must be sweep or poisson')
  let levels: number[]
  if (Array.isArray(raw.levels)) levels = raw.levels.map(Number)
  else if (kind === 'sweep' && typeof raw.maxConcurrency === 'number') levels = doublingLevels(raw.maxConcurrency)
  else if (kind === 'poisson' && Array.isArray(raw.rates)) levels = raw.rates.map(Number)
  else throw new SpecError('load needs levels (or max_concurrency for a sweep, rates for poisson)')
  const plan: LoadPlan = {
    kind,
    levels,
    requestsPerLevel: Number(raw.requestsPerLevel ?? 10),
    warmup: Number(raw.warmup ?? 1),
    seed: Number(raw.seed ?? 1),
  }
  const out: { plan: LoadPlan; confirmedCloud: boolean; cap?: number } = {
    plan,
    confirmedCloud: raw.confirmCloud === true,
  }
  if (raw.cap !== undefined) out.cap = Number(raw.cap)
  return out
}

export async function runLoadSpec(
  spec: BenchSpec,
  playground: Playground,
  options: BenchOptions,
  io: CliIo,
): Promise<number> {
  let parsed: ReturnType<typeof loadPlanOf>
  try {
    parsed = loadPlanOf(spec.load!)
  } catch (err) {
    io.stderr.write(`edgequake bench: ${(err as Error).message}\n`)
    return EXIT.usage
  }
  const { request } = spec
  const results: Array<{ model: string; result: LoadResult }> = []
  for (const column of request.columns) {
    const load = {
      messages: request.messages,
      params: { ...request.params, ...column.params },
      model: column.model,
      ...(request.system !== undefined ? { system: request.system } : {}),
      ...(column.endpointId !== undefined ? { endpointId: column.endpointId } : {}),
      ...parsed,
    }
    try {
      const estimate = await playground.load.estimate(load)
      const cost = estimate.costUsd === null ? 'cost unknown' : `about $${estimate.costUsd.toFixed(4)}`
      io.stderr.write(`${column.model}: ${estimate.requests} requests, ${cost}${estimate.local ? ' (local)' : ''}\n`)
      let ended = 0
      const { result } = await playground.load.run(load, {
        onRequestEnd: () => {
          ended++
          if (io.stderr.isTTY) io.stderr.write(`\r\x1b[2K${column.model}: ${ended}/${estimate.requests}`)
        },
      })
      if (io.stderr.isTTY) io.stderr.write('\n')
      results.push({ model: column.model, result })
    } catch (err) {
      if (err instanceof LoadRefusedError || (err as Error).name === 'InputError') {
        io.stderr.write(`edgequake bench: ${column.model}: ${(err as Error).message}\n`)
        return EXIT.usage
      }
      throw err
    }
  }
  const outDir = resolve(options.out ?? spec.out ?? 'edgequake-reports')
  mkdirSync(outDir, { recursive: true })
  const base = join(outDir, `load-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ format: 'edgequake-playground/load@1', spec: spec.load, results }, null, 2)}\n`,
  )
  writeFileSync(`${base}.html`, loadHtml(spec.name, results))
  writeFileSync(`${base}.md`, loadMarkdown(spec.name, results))
  for (const r of results) io.stdout.write(`${r.model}\n${loadTable(r.result)}\n\n`)
  io.stdout.write(`reports: ${base}.html\n         ${base}.md\n         ${base}.json\n`)
  const everyFailed = results.every((r) => r.result.levels.every((l) => l.failures === l.requests))
  return everyFailed ? EXIT.runFailed : EXIT.ok
}
