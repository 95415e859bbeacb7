import { useEffect } from 'react'
import { useAppStore } from '../store'

/**
 * Moves focus to the element the store asked for (`focusTarget`: a provider's key
 * field after "Open Settings", an invalid parameter after a refused run) once the
 * view showing it has rendered, then clears the request.
 */
export function useFocusTarget(): void {
  const target = useAppStore((s) => s.focusTarget)
  const view = useAppStore((s) => s.view)
  const settingsLoaded = useAppStore((s) => s.settings !== null)
  // `view` and `settingsLoaded`: the element may appear only once its view has rendered.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the view or settings change
  useEffect(() => {
    if (!target) return
    let frame = requestAnimationFrame(function attempt(tries = 0) {
      const el = document.getElementById(target)
      if (el) {
        el.scrollIntoView({ block: 'center' })
        el.focus()
        useAppStore.getState().clearFocusTarget()
      } else if (tries < 30) {
        frame = requestAnimationFrame(() => attempt(tries + 1))
      } else {
        useAppStore.getState().clearFocusTarget()
      }
    } as FrameRequestCallback)
    return () => cancelAnimationFrame(frame)
  }, [target, view, settingsLoaded])
}
