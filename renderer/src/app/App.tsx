import { useEffect } from 'react'
import { HistoryView } from '../features/history/HistoryView'
import { SettingsView } from '../features/settings/SettingsView'
import { useTheme } from '../features/settings/use-theme'
import { useAppStore } from '../store'
import { Notice } from './Notice'
import { PlaygroundView } from './PlaygroundView'
import { StorageNotices } from './StorageNotices'
import { TopBar } from './TopBar'
import './app.css'

export function App() {
  const view = useAppStore((s) => s.view)
  const theme = useAppStore((s) => s.settings?.theme ?? 'system')
  useTheme(theme)

  useEffect(() => {
    const s = useAppStore.getState()
    // Settings first: the catalog's default columns prefer recently used models.
    void s.loadSettings().then(() => useAppStore.getState().loadCatalog())
    void s.loadHistory()
  }, [])

  return (
    <div className="app">
      <TopBar />
      <StorageNotices />
      <main className="app-main">
        {view === 'playground' && <PlaygroundView />}
        {view === 'history' && <HistoryView />}
        {view === 'settings' && <SettingsView />}
      </main>
      <Notice />
    </div>
  )
}
