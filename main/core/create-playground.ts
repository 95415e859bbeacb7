/**
 * Assembles the application core behind `PlaygroundApi` from the engine, the
 * data directory and a secret store: both shells (Electron IPC, browser-mode
 * HTTP) call this object and add only transport.
 */
import type { PlaygroundApi, UpdateStatus } from '../common/api'
import { refKey } from '../common/model-ref'
import { createCatalog } from './catalog/catalog-service'
import { defaultLocalServers, type LocalServer } from './catalog/local-discovery'
import { prepareDataDir } from './data-dir'
import { createDraftStore } from './draft/draft-store'
import type { Engine } from './engine'
import { exportCsv, exportJson } from './history/export-run'
import { openHistoryDb } from './history/history-db'
import { createHistoryQueries, type HistoryQueries } from './history/history-queries'
import { createHistoryRecorder } from './history/history-recorder'
import { buildSnippet } from './history/snippet'
import { InputError } from './input-error'
import { paramTable } from './runs/param-table'
import { resolveTargets } from './runs/resolve-call'
import { RunManager } from './runs/run-manager'
import { scrubKeyValues } from './scrub'
import { createKeys } from './settings/keys'
import type { SecretStore } from './settings/secret-store'
import { createSettingsService } from './settings/settings-service'
import { createSettingsStore, withRecentModels } from './settings/settings-store'

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
  const runs = new RunManager({
    engine,
    recorder: createHistoryRecorder(db),
    frameMs: options.frameMs,
    log,
    validation: () => ({
      ranges,
      providers: providers().map((p) => p.name),
      endpoints: store.read().endpoints,
    }),
    async resolve(request) {
      const current = store.read()
      const targets = await resolveTargets(request, { keys, settings: current, providers: providers() })
      const secretValues = await keys.allValues(current.endpoints.map((e) => e.id))
      return { targets, secrets: secretValues }
    },
  })

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
      if (format !== 'json' && format !== 'csv') throw new InputError('export format must be json or csv')
      const run = await requireRun(runId)
      return format === 'json' ? exportJson(run) : exportCsv(run)
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
    paramRanges: async () => ranges.map((r) => ({ ...r })),
    getDraft: async () => draft.read(),
    saveDraft: async (value) => draft.write(value),
  } satisfies PlaygroundApi

  return {
    api,
    runs,
    history,
    async close() {
      await runs.stopAll()
      db.close()
      lock.release()
    },
  }
}
