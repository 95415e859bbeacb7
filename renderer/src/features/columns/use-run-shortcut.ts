import { useEffect } from 'react'
import { useAppStore } from '../../store'

/**
 * Keyboard control of a run from anywhere in the playground: Ctrl+Enter (Cmd+Enter
 * on macOS) runs; Escape or Ctrl+. (Cmd+.) stops every column. An Escape that closes
 * something first (the model list, a column's overrides) is stopped there and never
 * reaches this handler.
 */
export function useRunShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat) return
      const s = useAppStore.getState()
      const running = s.runStatus === 'starting' || s.runStatus === 'running'
      const mod = e.ctrlKey || e.metaKey
      if (e.key === 'Enter' && mod) {
        e.preventDefault()
        if (!running) void s.runOnce()
        return
      }
      if ((e.key === 'Escape' && !mod) || (e.key === '.' && mod)) {
        if (!running) return
        e.preventDefault()
        void s.stopAll()
        s.announce('Stopping the run: what arrived is kept.')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
