import type { SliceCreator } from './types'

export type View = 'playground' | 'history' | 'settings'

export interface UiSlice {
  view: View
  /** A transient message for the status bar (copied, saved, failed…). */
  notice: { text: string; kind: 'info' | 'error' } | null
  /** The prompt sidebar; folded away to give eight columns more room. */
  sidebarOpen: boolean
  toggleSidebar: () => void
  /** An element id the next view should focus (e.g. a provider's key field), then cleared. */
  focusTarget: string | null
  /** Opens Settings with `elementId` focused. */
  openSettingsAt: (elementId: string) => void
  clearFocusTarget: () => void
  /** The latest run status sentence, announced by a polite live region. */
  announcement: string
  announce: (text: string) => void
  setView: (view: View) => void
  notify: (text: string, kind?: 'info' | 'error') => void
  clearNotice: () => void
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  view: 'playground',
  notice: null,
  sidebarOpen: true,
  toggleSidebar: () => set((s) => ({ sidebarOpen: !s.sidebarOpen })),
  focusTarget: null,
  openSettingsAt: (elementId) => set({ view: 'settings', focusTarget: elementId }),
  clearFocusTarget: () => set({ focusTarget: null }),
  announcement: '',
  announce: (text) => set({ announcement: text }),
  setView: (view) => set({ view }),
  notify: (text, kind = 'info') => set({ notice: { text, kind } }),
  clearNotice: () => set({ notice: null }),
})
