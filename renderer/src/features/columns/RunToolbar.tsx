import { useShallow } from 'zustand/react/shallow'
import { isActive } from '../../shared/lane'
import { useAppStore } from '../../store'
import { RepeatControls } from '../repeat/RepeatControls'
import { MAX_COLUMNS } from './columns-slice'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function RunToolbar() {
  const s = useAppStore(
    useShallow((s) => ({
      runStatus: s.runStatus,
      runId: s.runId,
      runOnce: s.runOnce,
      stopAll: s.stopAll,
      addColumn: s.addColumn,
      sidebarOpen: s.sidebarOpen,
      toggleSidebar: s.toggleSidebar,
      columnCount: s.columns.length,
      prewarm: s.prewarm,
      setRepeat: s.setRepeat,
      iterations: s.iterations,
      endedCount: s.results.length,
      laneCount: Object.keys(s.lanes).length,
      anyActive: Object.values(s.lanes).some((l) => isActive(l.status)),
    })),
  )
  const running = s.runStatus === 'starting' || s.runStatus === 'running'
  const total = s.iterations * s.laneCount
  return (
    <div className="run-toolbar" role="toolbar" aria-label="Run" data-run-id={s.runId ?? ''}>
      <button
        type="button"
        className="btn icon"
        data-testid="toggle-sidebar"
        aria-label={s.sidebarOpen ? 'Hide the prompt panel' : 'Show the prompt panel'}
        aria-pressed={s.sidebarOpen}
        title={s.sidebarOpen ? 'Hide the prompt panel' : 'Show the prompt panel'}
        onClick={s.toggleSidebar}
      >
        {s.sidebarOpen ? '⟨' : '⟩'}
      </button>
      <button
        type="button"
        className="btn primary"
        data-testid="run"
        disabled={running}
        onClick={() => void s.runOnce()}
        title={`Run all columns (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
      >
        ▶ Run <kbd>{isMac ? '⌘' : 'Ctrl'}+⏎</kbd>
      </button>
      <button
        type="button"
        className="btn"
        data-testid="stop-all"
        disabled={!running || !s.anyActive}
        onClick={() => void s.stopAll()}
      >
        ■ Stop all
      </button>
      <span className="toolbar-sep" />
      <RepeatControls disabled={running} />
      <label className="check" title="Open a connection to every column's host first, so every start is warm">
        <input
          type="checkbox"
          data-testid="prewarm"
          checked={s.prewarm}
          disabled={running}
          onChange={(e) => s.setRepeat({ prewarm: e.target.checked })}
        />
        Pre-warm connections
      </label>
      <span className="toolbar-spacer" />
      {running && total > 1 && (
        <span className="badge accent" data-testid="run-progress">
          {s.endedCount} / {total} done
        </span>
      )}
      <button
        type="button"
        className="btn"
        data-testid="add-column"
        disabled={running || s.columnCount >= MAX_COLUMNS}
        onClick={s.addColumn}
      >
        + Column{' '}
        <span className="muted">
          {s.columnCount}/{MAX_COLUMNS}
        </span>
      </button>
    </div>
  )
}
