import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../store'
import type { View } from '../store/ui-slice'

const TABS: { view: View; label: string }[] = [
  { view: 'playground', label: 'Playground' },
  { view: 'history', label: 'History' },
  { view: 'settings', label: 'Settings' },
]

export function TopBar() {
  const { view, setView, runStatus } = useAppStore(
    useShallow((s) => ({ view: s.view, setView: s.setView, runStatus: s.runStatus })),
  )
  return (
    <header className="topbar">
      <h1 className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">EdgeQuake</span>
        <span className="brand-sub">Playground</span>
      </h1>
      <nav className="tabs" aria-label="Views">
        {TABS.map((t) => (
          <button
            key={t.view}
            type="button"
            className={`tab${view === t.view ? ' active' : ''}`}
            aria-current={view === t.view ? 'page' : undefined}
            data-testid={`nav-${t.view}`}
            onClick={() => setView(t.view)}
          >
            {t.label}
            {t.view === 'playground' && (runStatus === 'running' || runStatus === 'starting') && (
              <span className="live-dot" title="A run is streaming" />
            )}
          </button>
        ))}
      </nav>
    </header>
  )
}
