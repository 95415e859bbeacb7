import { useEffect, useRef, useState } from 'react'
import type { AppState } from './types'

type Store = { getState: () => AppState; subscribe: (listener: (s: AppState) => void) => () => void }

/**
 * A store value re-read at most every `ms`, always including the last change: for
 * figures a reader cannot follow at 60 Hz (metric cells, gap strips), so streaming
 * re-renders them ~10 times a second instead of every frame.
 */
export function useThrottledSelector<T>(
  store: Store,
  selector: (s: AppState) => T,
  ms = 100,
  /** A change that must show at once (a column ending), not up to `ms` later. */
  isUrgent?: (prev: T, next: T) => boolean,
): T {
  const [value, setValue] = useState(() => selector(store.getState()))
  const latest = useRef(selector)
  latest.current = selector
  const urgent = useRef(isUrgent)
  urgent.current = isUrgent
  const shown = useRef(value)
  shown.current = value
  useEffect(() => {
    let last = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    const publish = () => {
      timer = null
      last = performance.now()
      setValue(() => latest.current(store.getState()))
    }
    publish()
    const unsubscribe = store.subscribe((state) => {
      if (urgent.current?.(shown.current, latest.current(state))) {
        if (timer !== null) clearTimeout(timer)
        publish()
        return
      }
      if (timer !== null) return
      const wait = ms - (performance.now() - last)
      if (wait <= 0) publish()
      else timer = setTimeout(publish, wait)
    })
    return () => {
      unsubscribe()
      if (timer !== null) clearTimeout(timer)
    }
  }, [store, ms])
  return value
}
