import type { StateCreator } from 'zustand'
import type { PlaygroundApi } from '../../../main/common/api'
import type { ColumnsSlice } from '../features/columns/columns-slice'
import type { RunSlice } from '../features/columns/run-slice'
import type { DraftSlice } from '../features/draft/draft-slice'
import type { HistorySlice } from '../features/history/history-slice'
import type { CatalogSlice } from '../features/model-picker/catalog-slice'
import type { PromptSlice } from '../features/prompt/prompt-slice'
import type { RepeatSlice } from '../features/repeat/repeat-slice'
import type { SettingsSlice } from '../features/settings/settings-slice'
import type { UiSlice } from './ui-slice'

/** The one store's state: every feature's slice. */
export type AppState = UiSlice &
  CatalogSlice &
  PromptSlice &
  ColumnsSlice &
  RunSlice &
  RepeatSlice &
  HistorySlice &
  SettingsSlice &
  DraftSlice

/** What slices need from outside, injected so tests run without a DOM or a server. */
export interface StoreDeps {
  api: PlaygroundApi
  /** Runs `cb` before the next paint (requestAnimationFrame in the app). */
  scheduleFrame: (cb: () => void) => void
  /** A monotonic clock in ms (performance.now in the app). */
  now: () => number
}

export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>
