import type { SliceCreator } from './types'

export type View = 'playground' | 'history' | 'settings'

export interface UiSlice {
  view: View
  /** A transient message for the status bar (copied, saved, failed…). */
  notice: { text: string; kind: 'info' | 'error' } | null
  /** The prompt sidebar; folded away to give eight columns more room. */
  sidebarOpen: boolean
  toggleSidebar: () => void
  setView: (view: View) => void
  notify: (text: string, kind?: 'info' | 'error') => void
  clearNotice: () => void
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  view: 'playground',
  notice: null,
  sidebarOpen: true,
  toggleSidebar: () => set((s) => ({ sidebarOpen: !s.sidebarOpen })),
  setView: (view) => set({ view }),
  notify: (text, kind = 'info') => set({ notice: { text, kind } }),
  clearNotice: () => set({ notice: null }),
})
