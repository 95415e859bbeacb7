/**
 * `bench <spec>`: runs a comparison from a spec through the same core the app uses
 * (createPlayground → RunManager → the engine), shows progress, records the run in the
 * history the app opens, writes the JSON, HTML and Markdown reports, prints the summary
 * table, and answers with an exit code a CI job can gate on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { RunEvent } from '../common/api'
import { createPlayground, type Playground } from '../core/create-playground'
import { htmlReport } from '../core/report/html-report'
import { jsonReport } from '../core/report/json-report'
import { markdownReport } from '../core/report/markdown-report'
import { METRIC_NAMES } from '../core/report/report-format'
import { buildReportModel, columnLabel } from '../core/report/report-model'
import { createFileSecretStore } from '../core/settings/file-secret-store'
import { browserDataDir } from '../core/storage/data-dir'
import { type BenchOptions, type CliIo, EXIT } from './cli-io'
import { runLoadSpec } from './load-command'
import { createProgress } from './progress'
import { type BenchSpec, readSpecFile, SpecError } from './spec'
import { summaryTable } from './table'

export { EXIT }

export async function runBench(options: BenchOptions, io: CliIo): Promise<number> {
  let spec: BenchSpec
  try {
    spec = readSpecFile(options.spec)
  } catch (err) {
    if (err instanceof SpecError) return usage(io, err.message)
    throw err
  }
  const temp = options.noHistory ? mkdtempSync(join(tmpdir(), 'edgequake-bench-')) : null
  const dataDir = temp ?? resolve(options.dataDir ?? browserDataDir(io.env))
  let playground: Playground
  try {
    const secrets = options.openSecrets ? await options.openSecrets(dataDir) : createFileSecretStore(dataDir)
    playground = createPlayground({
      engine: options.engine,
      dataDir,
      secrets,
      env: io.env,
      localServers: [],
      log: (m) => io.stderr.write(`${m}\n`),
    })
  } catch (err) {
    if (temp) rmSync(temp, { recursive: true, force: true })
    const hint =
      (err as Error).name === 'DataDirInUseError' ? ' (close the app, or pass --data-dir or --no-history)' : ''
    return usage(io, `${(err as Error).message}${hint}`)
  }
  const previousPace = spec.simulated ? (await playground.api.getSettings()).simulated : null
  try {
    if (spec.simulated) await playground.api.updateSettings({ simulated: spec.simulated })
    if (spec.load) return await runLoadSpec(spec, playground, options, io)
    return await compare(spec, playground, options, io)
  } finally {
    // The spec's pace applies to this run only: the app's setting comes back.
    if (previousPace) await playground.api.updateSettings({ simulated: previousPace }).catch(() => {})
    await playground.close()
    if (temp) rmSync(temp, { recursive: true, force: true })
  }
}

async function compare(spec: BenchSpec, playground: Playground, options: BenchOptions, io: CliIo): Promise<number> {
  const { request } = spec
  const labels = new Map(request.columns.map((c) => [c.columnId, c.model]))
  const total = request.columns.length * (request.repeat?.count ?? 1)
  const progress = createProgress(io.stderr, total, labels)
  let finish: () => void = () => {}
  const finished = new Promise<void>((r) => {
    finish = r
  })
  let runId: string
  try {
    ;({ runId } = await playground.api.startRun(request, (e: RunEvent) => {
      progress.onEvent(e)
      if (e.type === 'run-finished') finish()
    }))
  } catch (err) {
    const e = err as Error
    if (e.name === 'InputError') return usage(io, e.message)
    io.stderr.write(`edgequake bench: the run could not start: ${e.message}\n`)
    return EXIT.runFailed
  }
  await finished
  progress.done()
  const run = (await playground.api.getRun(runId))!
  for (const c of run.request.columns) labels.set(c.columnId, columnLabel(run, c.columnId))
  const model = buildReportModel(run, { minGoodput: spec.minGoodput })
  const outDir = resolve(options.out ?? spec.out ?? 'edgequake-reports')
  mkdirSync(outDir, { recursive: true })
  const files = {
    json: join(outDir, `${runId}.json`),
    html: join(outDir, `${runId}.html`),
    md: join(outDir, `${runId}.md`),
  }
  writeFileSync(files.json, jsonReport(run, model))
  writeFileSync(files.html, htmlReport(model, spec.name))
  writeFileSync(files.md, markdownReport(model, spec.name))
  io.stdout.write(`${summaryTable(model)}\n\n`)
  for (const { metric, a, b, verdict } of model.comparisons) {
    if (!verdict.faster) continue
    const [win, lose] = verdict.faster === 'a' ? [a, b] : [b, a]
    io.stdout.write(
      `faster: ${win} than ${lose} on ${METRIC_NAMES[metric]} (Mann–Whitney U, p = ${verdict.p!.toFixed(3)})\n`,
    )
  }
  io.stdout.write(`reports: ${files.html}\n         ${files.md}\n         ${files.json}\n`)
  if (!options.noHistory) io.stdout.write(`history: run ${runId} is in the app's history\n`)
  if (run.columns.length > 0 && run.columns.every((c) => c.error !== null || c.timing === null)) {
    io.stderr.write('edgequake bench: every run failed\n')
    return EXIT.runFailed
  }
  if (model.slo) {
    const share = `${Math.round(spec.minGoodput * 100)}%`
    io.stdout.write(
      model.sloPassed
        ? `SLO gate passed (every model ≥ ${share} of runs within)\n`
        : `SLO gate FAILED (a model has fewer than ${share} of runs within)\n`,
    )
    if (!model.sloPassed) return EXIT.sloFailed
  }
  return EXIT.ok
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`edgequake bench: ${message}\n`)
  return EXIT.usage
}
