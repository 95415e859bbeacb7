import { useEffect, useState } from 'react'

/** The monotonic clock, re-read every `intervalMs` while `ticking` (for running totals). */
export function useNow(ticking: boolean, intervalMs = 100): number {
  const [now, setNow] = useState(() => performance.now())
  useEffect(() => {
    if (!ticking) {
      setNow(performance.now())
      return
    }
    const timer = setInterval(() => setNow(performance.now()), intervalMs)
    return () => clearInterval(timer)
  }, [ticking, intervalMs])
  return now
}
