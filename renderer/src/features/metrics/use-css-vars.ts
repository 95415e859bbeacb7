import { useEffect, useState } from 'react'

/**
 * Reads CSS custom properties (resolved) from an element, again whenever the theme
 * changes: canvas and uPlot drawing need concrete colours.
 */
export function readVars(el: Element, names: string[]): Record<string, string> {
  const style = getComputedStyle(el)
  return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n).trim()]))
}

/** A counter bumped whenever `data-theme` on <html> changes. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => observer.disconnect()
  }, [])
  return version
}

/** The element's content width, kept current with a ResizeObserver. */
export function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(el.clientWidth)
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}
