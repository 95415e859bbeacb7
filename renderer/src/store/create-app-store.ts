import { create } from 'zustand'
import { createColumnsSlice } from '../features/columns/columns-slice'
import { createRunSlice } from '../features/columns/run-slice'
import { createDraftSlice } from '../features/draft/draft-slice'
import { createHistorySlice } from '../features/history/history-slice'
import { createCatalogSlice } from '../features/model-picker/catalog-slice'
import { createPromptSlice } from '../features/prompt/prompt-slice'
import { createRepeatSlice } from '../features/repeat/repeat-slice'
import { createSettingsSlice } from '../features/settings/settings-slice'
import type { AppState, StoreDeps } from './types'
import { createUiSlice } from './ui-slice'

/**
 * Assembles the one bound store from the feature slices. No middleware: the draft is
 * persisted by main (draft-slice saves it, debounced), and the streaming path must stay cheap.
 */
export function createAppStore(deps: StoreDeps) {
  return create<AppState>()((...a) => ({
    ...createUiSlice(deps)(...a),
    ...createCatalogSlice(deps)(...a),
    ...createPromptSlice(deps)(...a),
    ...createColumnsSlice(deps)(...a),
    ...createRunSlice(deps)(...a),
    ...createRepeatSlice(deps)(...a),
    ...createHistorySlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createDraftSlice(deps)(...a),
  }))
}

export type AppStore = ReturnType<typeof createAppStore>
