import { ColumnsView } from '../features/columns/ColumnsView'
import { RunToolbar } from '../features/columns/RunToolbar'
import { useRunShortcut } from '../features/columns/use-run-shortcut'
import { ComparePanel } from '../features/metrics/ComparePanel'
import { PromptPanel } from '../features/prompt/PromptPanel'
import { useAppStore } from '../store'

export function PlaygroundView() {
  useRunShortcut()
  const sidebarOpen = useAppStore((s) => s.sidebarOpen)
  return (
    <div className={`playground${sidebarOpen ? '' : ' sidebar-closed'}`}>
      {sidebarOpen && (
        <aside className="sidebar" aria-label="Prompt">
          <PromptPanel />
        </aside>
      )}
      <section className="workspace" aria-label="Columns">
        <RunToolbar />
        <ColumnsView />
        <ComparePanel />
      </section>
    </div>
  )
}
