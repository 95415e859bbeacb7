import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { fmtDate } from '../../shared/format'
import { useAppStore } from '../../store'
import { HistoryRunView } from './HistoryRunView'
import './history.css'

export function HistoryView() {
  const s = useAppStore(
    useShallow((s) => ({
      history: s.history,
      query: s.historyQuery,
      status: s.historyStatus,
      openRunId: s.openRun?.runId,
      setQuery: s.setHistoryQuery,
      open: s.openHistoryRun,
      load: s.loadHistory,
    })),
  )
  const { load } = s
  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="history">
      <aside className="history-list" aria-label="Past runs">
        <div className="history-search">
          <input
            className="input"
            type="search"
            data-testid="history-search"
            aria-label="Search history"
            placeholder="Search prompts and models"
            value={s.query}
            onChange={(e) => void s.setQuery(e.target.value)}
          />
        </div>
        <ul>
          {s.history.map((h) => (
            <li key={h.runId}>
              <button
                type="button"
                className={`history-item${h.runId === s.openRunId ? ' active' : ''}`}
                data-testid="history-item"
                data-run-id={h.runId}
                onClick={() => void s.open(h.runId)}
              >
                <span className="history-prompt">{h.prompt || '(empty prompt)'}</span>
                <span className="history-meta">
                  <span>{fmtDate(h.createdAt)}</span>
                  <span>
                    {h.models.length} model{h.models.length === 1 ? '' : 's'}
                  </span>
                  {h.iterations > 1 && <span>×{h.iterations}</span>}
                  {h.status !== 'done' && (
                    <span className={`badge ${h.status === 'failed' ? 'bad' : ''}`}>{h.status}</span>
                  )}
                </span>
                <span className="history-models mono">{h.models.join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
        {s.status === 'ready' && s.history.length === 0 && (
          <div className="history-empty">{s.query ? 'No run matches.' : 'Runs you make appear here.'}</div>
        )}
      </aside>
      <section className="history-detail" aria-label="Run">
        {s.openRunId ? <HistoryRunView /> : <div className="history-empty">Pick a run to see its columns.</div>}
      </section>
    </div>
  )
}
