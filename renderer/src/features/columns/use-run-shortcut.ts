import { useEffect } from 'react'
import { useAppStore } from '../../store'

/** Ctrl+Enter (Cmd+Enter on macOS) runs the comparison from anywhere in the playground. */
export function useRunShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.repeat) return
      e.preventDefault()
      const s = useAppStore.getState()
      if (s.runStatus === 'starting' || s.runStatus === 'running') return
      void s.runOnce()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
