import type { ExportFormat, HistoryRun, HistorySummary } from '../../../../main/common/api'
import type { SliceCreator } from '../../store/types'

export interface HistorySlice {
  history: HistorySummary[]
  historyQuery: string
  historyStatus: 'idle' | 'loading' | 'ready' | 'error'
  openRun: HistoryRun | null
  loadHistory: () => Promise<void>
  setHistoryQuery: (query: string) => Promise<void>
  openHistoryRun: (runId: string) => Promise<void>
  closeHistoryRun: () => void
  deleteHistoryRun: (runId: string) => Promise<void>
  /** Loads a past run's prompt and columns into the playground and runs it again. */
  rerun: (run: HistoryRun) => Promise<void>
  /** After a run: recent models and the history list changed in main. */
  refreshAfterRun: () => Promise<void>
  /** A run's export, made by main (the same data as history, keys never included). */
  exportRunText: (runId: string, format: ExportFormat) => Promise<string>
  /** JavaScript with `@edgequake/llm` reproducing one column's call. */
  snippetText: (runId: string, columnId: string) => Promise<string>
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

export const createHistorySlice: SliceCreator<HistorySlice> =
  ({ api }) =>
  (set, get) => ({
    history: [],
    historyQuery: '',
    historyStatus: 'idle',
    openRun: null,
    loadHistory: async () => {
      const query = get().historyQuery
      set({ historyStatus: 'loading' })
      try {
        const list = await api.listHistory(query.trim() === '' ? undefined : query.trim())
        // A newer query may have been typed meanwhile: keep only the latest answer.
        if (get().historyQuery !== query) return
        set({ history: [...list].sort((a, b) => b.createdAt - a.createdAt), historyStatus: 'ready' })
      } catch (err) {
        console.error('edgequake: history failed', err)
        set({ historyStatus: 'error' })
        get().notify(`Could not load history: ${messageOf(err)}`, 'error')
      }
    },
    setHistoryQuery: (historyQuery) => {
      set({ historyQuery })
      return get().loadHistory()
    },
    openHistoryRun: async (runId) => {
      try {
        const run = await api.getRun(runId)
        if (!run) get().notify('That run is no longer in history.', 'error')
        set({ openRun: run })
      } catch (err) {
        console.error('edgequake: getRun failed', err)
        get().notify(`Could not open the run: ${messageOf(err)}`, 'error')
      }
    },
    closeHistoryRun: () => set({ openRun: null }),
    deleteHistoryRun: async (runId) => {
      try {
        await api.deleteRun(runId)
        set((s) => ({
          history: s.history.filter((h) => h.runId !== runId),
          openRun: s.openRun?.runId === runId ? null : s.openRun,
        }))
      } catch (err) {
        console.error('edgequake: deleteRun failed', err)
        get().notify(`Could not delete the run: ${messageOf(err)}`, 'error')
      }
    },
    rerun: async (run) => {
      const s = get()
      s.loadPrompt(run.request)
      s.loadColumns(run.request)
      s.setView('playground')
      const extra = { ...(run.request.repeat ? { repeat: run.request.repeat } : {}) }
      await get().startRun(run.request.prewarm ? { ...extra, prewarm: true } : extra)
    },
    refreshAfterRun: async () => {
      await Promise.all([get().loadHistory(), get().loadSettings()])
    },
    exportRunText: (runId, format) => api.exportRun(runId, format),
    snippetText: (runId, columnId) => api.snippet(runId, columnId),
  })
