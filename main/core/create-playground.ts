/**
 * Assembles the application core behind `PlaygroundApi` from the engine, the
 * data directory and a secret store: both shells (Electron IPC, browser-mode
 * HTTP) call this object and add only transport.
 */
import type { ExportFormat, PlaygroundApi, RunRequest, UpdateStatus } from '../common/api'
import { refKey } from '../common/model-ref'
import { InputError } from './api/input-error'
import { createCatalog } from './catalog/catalog-service'
import { createPrices } from './catalog/known-models'
import { defaultLocalServers, type LocalServer } from './catalog/local-discovery'
import { createDraftStore } from './draft/draft-store'
import type { Engine } from './engine'
import { exportCsv, exportJson } from './history/export-run'
import { openHistoryDb } from './history/history-db'
import { createHistoryQueries, type HistoryQueries } from './history/history-queries'
import { createHistoryRecorder } from './history/history-recorder'
import { buildSnippet } from './history/snippet'
import { LoadManager } from './load/load-manager'
import { createLoadService, type LoadService } from './load/load-service'
import { htmlReport } from './report/html-report'
import { markdownReport } from './report/markdown-report'
import { buildReportModel } from './report/report-model'
import { paramTable } from './runs/param-table'
import { resolveTargets } from './runs/resolve-call'
import { RunManager } from './runs/run-manager'
import { createKeys } from './settings/keys'
import { scrubKeyValues } from './settings/scrub'
import type { SecretStore } from './settings/secret-store'
import { createSettingsService } from './settings/settings-service'
import { createSettingsStore, withRecentModels } from './settings/settings-store'
import { prepareDataDir } from './storage/data-dir'

const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'html', 'markdown']

export interface PlaygroundOptions {
  engine: Engine
  dataDir: string
  secrets: SecretStore
  env?: NodeJS.ProcessEnv
  /** Local servers to discover (default: Ollama and LM Studio on their default ports). */
  localServers?: LocalServer[]
  discoveryTimeoutMs?: number
  frameMs?: number
  log?: (message: string) => void
  /** The desktop shell's update status, shown in Settings (default: browser mode's). */
  updates?: () => UpdateStatus
}

export interface Playground {
  api: PlaygroundApi
  runs: RunManager
  /** Load mode (servers you own): same resolution and measures as runs; not recorded in history. */
  load: LoadService
  /** Load tests started by the app, polled for their status. */
  loads: LoadManager
  /** Synchronous reads of the history store (what `getRun` answers), for checks made while events are emitted. */
  history: HistoryQueries
  /** Stops running runs, waits for them to record their end, closes the database. */
  close(): Promise<void>
}

export function createPlayground(options: PlaygroundOptions): Playground {
  const { engine, secrets } = options
  const env = options.env ?? process.env
  const log = options.log ?? ((m: string) => console.error(m))
  const providers = () => engine.providers()
  // First: a second instance on this directory is refused before it reads or writes anything.
  const lock = prepareDataDir(options.dataDir, log)
  let db: ReturnType<typeof openHistoryDb>
  try {
    db = openHistoryDb(options.dataDir, lock)
  } catch (err) {
    lock.release()
    throw err
  }
  const store = createSettingsStore(options.dataDir)
  const keys = createKeys(secrets, providers, env)
  const ranges = paramTable(engine)
  const prices = createPrices(engine.priceTable())
  const draft = createDraftStore(options.dataDir, log)
  // Read once now, so a damaged draft's notice is there for the first Settings read.
  draft.read()
  const settings = createSettingsService({
    store,
    secrets,
    keys,
    providers,
    updates: options.updates,
    ranges: () => ranges,
    otherNotices: () => draft.notices(),
  })
  const history = createHistoryQueries(db)
  const catalog = createCatalog({
    engine,
    keys,
    secrets,
    settings: () => store.read(),
    localServers: () => options.localServers ?? defaultLocalServers(engine),
    discoveryTimeoutMs: options.discoveryTimeoutMs,
  })
  const resolve = async (request: RunRequest) => {
    const current = store.read()
    const targets = await resolveTargets(request, { keys, settings: current, providers: providers(), prices })
    const secretValues = await keys.allValues(current.endpoints.map((e) => e.id))
    return { targets, secrets: secretValues }
  }
  const validation = () => ({
    ranges,
    providers: providers().map((p) => p.name),
    endpoints: store.read().endpoints,
  })
  const runs = new RunManager({
    engine,
    recorder: createHistoryRecorder(db),
    frameMs: options.frameMs,
    log,
    validation,
    resolve,
  })
  const load = createLoadService({ engine, resolve, validation })
  const loads = new LoadManager(load)

  /** Every key value known: removed from whatever history gives back (older rows may predate scrubbing). */
  const keyValues = () => keys.allValues(store.read().endpoints.map((e) => e.id))
  const readRun = async (runId: string) => {
    const run = history.get(runId)
    return run ? scrubKeyValues(run, await keyValues()) : null
  }
  const requireRun = async (runId: unknown) => {
    const run = typeof runId === 'string' ? await readRun(runId) : null
    if (!run) throw new InputError(`no run "${String(runId)}" in history`)
    return run
  }

  const api = {
    catalog: () => catalog.catalog(),
    async startRun(request, onEvent) {
      const { runId } = await runs.start(request, onEvent)
      const used = request.columns.map((c) => refKey(c))
      try {
        store.update((s) => withRecentModels(s, used))
      } catch (err) {
        // The run is going; a settings file we cannot write only costs the recent-models order.
        log(`could not save recent models: ${(err as Error).message}`)
      }
      return { runId }
    },
    async stopRun(runId, columnId) {
      runs.stop(runId, columnId)
    },
    async listHistory(query) {
      return scrubKeyValues(history.list(query), await keyValues())
    },
    getRun: readRun,
    async deleteRun(runId) {
      runs.stop(runId)
      history.delete(runId)
    },
    async exportRun(runId, format) {
      if (!EXPORT_FORMATS.includes(format)) throw new InputError(`export format must be ${EXPORT_FORMATS.join(', ')}`)
      const run = await requireRun(runId)
      if (format === 'json') return exportJson(run)
      if (format === 'csv') return exportCsv(run)
      const model = buildReportModel(run)
      return format === 'html' ? htmlReport(model) : markdownReport(model)
    },
    async snippet(runId, columnId) {
      const text = await buildSnippet(await requireRun(runId), columnId, {
        providers: providers(),
        settings: store.read(),
      })
      if (text === null) throw new InputError(`run "${runId}" has no column "${columnId}"`)
      return text
    },
    getSettings: () => settings.get(),
    setKey: (provider, key) => settings.setKey(provider, key),
    saveEndpoint: (endpoint) => settings.saveEndpoint(endpoint),
    deleteEndpoint: (id) => settings.deleteEndpoint(id),
    updateSettings: (patch) => settings.update(patch),
    estimateLoad: (request) => load.estimate(request),
    startLoad: (request) => loads.start(request),
    loadStatus: async (loadId) => loads.status(loadId),
    async stopLoad(loadId) {
      loads.stop(loadId)
    },
    paramRanges: async () => ranges.map((r) => ({ ...r })),
    getDraft: async () => draft.read(),
    saveDraft: async (value) => draft.write(value),
  } satisfies PlaygroundApi

  return {
    api,
    runs,
    load,
    loads,
    history,
    async close() {
      await runs.stopAll()
      await loads.stopAll()
      db.close()
      lock.release()
    },
  }
}
