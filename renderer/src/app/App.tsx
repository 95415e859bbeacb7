import { useEffect } from 'react'
import { HistoryView } from '../features/history/HistoryView'
import { SettingsView } from '../features/settings/SettingsView'
import { useTheme } from '../features/settings/use-theme'
import { useAppStore } from '../store'
import { Notice } from './Notice'
import { PlaygroundView } from './PlaygroundView'
import { RunAnnouncer } from './RunAnnouncer'
import { StorageNotices } from './StorageNotices'
import { TopBar } from './TopBar'
import { useFocusTarget } from './use-focus-target'
import './app.css'

export function App() {
  const view = useAppStore((s) => s.view)
  const catalogStatus = useAppStore((s) => s.catalogStatus)
  useFocusTarget()
  const theme = useAppStore((s) => s.settings?.theme ?? 'system')
  useTheme(theme)

  useEffect(() => {
    const s = useAppStore.getState()
    // Settings, then the saved draft, then the catalog: it fills only columns still empty,
    // preferring recently used models.
    void s
      .loadSettings()
      .then(() => useAppStore.getState().loadDraft())
      .then(() => useAppStore.getState().loadCatalog())
    void s.loadParamRanges()
    void s.loadHistory()
    // A change typed just before the page goes away is saved now, not after the debounce.
    const flush = () => useAppStore.getState().flushDraft()
    window.addEventListener('pagehide', flush)
    return () => window.removeEventListener('pagehide', flush)
  }, [])

  return (
    <div className="app" data-catalog={catalogStatus}>
      <TopBar />
      <StorageNotices />
      <main className="app-main">
        {view === 'playground' && <PlaygroundView />}
        {view === 'history' && <HistoryView />}
        {view === 'settings' && <SettingsView />}
      </main>
      <Notice />
      <RunAnnouncer />
    </div>
  )
}
