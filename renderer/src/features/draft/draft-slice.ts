import type { Draft } from '../../../../main/common/api'
import { cleanParams } from '../../shared/clean-params'
import type { AppState, SliceCreator } from '../../store/types'

/** Typing pauses this long before the draft is saved: one write per pause, not per keystroke. */
export const DRAFT_SAVE_DELAY_MS = 400

export interface DraftSlice {
  /** `ready` once the saved draft (if any) was restored; nothing is saved before, so it cannot be overwritten. */
  draftStatus: 'idle' | 'loading' | 'ready'
  /** Restores the saved draft, then saves every later change (debounced). */
  loadDraft: () => Promise<void>
  /** Saves a pending change now (the page is being hidden or closed). */
  flushDraft: () => void
}

/** The part of the state a draft is made of. */
export function draftOf(s: Pick<AppState, 'system' | 'turns' | 'params' | 'columns'>): Draft {
  return {
    system: s.system,
    turns: s.turns.map((t) => ({ role: t.role, content: t.content })),
    params: cleanParams(s.params),
    columns: s.columns.map((c) => ({
      model: c.model,
      ...(c.endpointId ? { endpointId: c.endpointId } : {}),
      overrides: cleanParams(c.overrides),
    })),
  }
}

export const createDraftSlice: SliceCreator<DraftSlice> = ({ api }) => {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: Draft | null = null
  let lastSaved = ''

  return (set, get, store) => {
    const save = () => {
      timer = null
      const draft = pending
      pending = null
      if (!draft) return
      const text = JSON.stringify(draft)
      if (text === lastSaved) return
      lastSaved = text
      api.saveDraft(draft).catch((err: unknown) => {
        lastSaved = ''
        console.error('edgequake: saving the draft failed', err)
        get().notify(`The draft could not be saved: ${err instanceof Error ? err.message : String(err)}`, 'error')
      })
    }
    return {
      draftStatus: 'idle',
      loadDraft: async () => {
        if (get().draftStatus !== 'idle') return
        set({ draftStatus: 'loading' })
        try {
          const draft = await api.getDraft()
          if (draft) {
            // A column whose endpoint was deleted since cannot be sent anywhere: it starts empty
            // (the catalog then gives it a default) instead of failing at Run.
            const endpoints = new Set((get().settings?.endpoints ?? []).map((e) => e.id))
            const columns = draft.columns.map((c) =>
              c.endpointId && !endpoints.has(c.endpointId) ? { model: '', overrides: c.overrides } : c,
            )
            get().loadPromptDraft(draft)
            get().loadColumnsDraft({ ...draft, columns })
            lastSaved = JSON.stringify(draftOf(get()))
          }
        } catch (err) {
          console.error('edgequake: the saved draft could not be loaded', err)
          get().notify(
            `The saved draft could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
            'error',
          )
        }
        set({ draftStatus: 'ready' })
        let prev = get()
        store.subscribe((s) => {
          const changed =
            s.system !== prev.system || s.turns !== prev.turns || s.params !== prev.params || s.columns !== prev.columns
          prev = s
          if (!changed) return
          pending = draftOf(s)
          if (timer !== null) clearTimeout(timer)
          timer = setTimeout(save, DRAFT_SAVE_DELAY_MS)
        })
      },
      flushDraft: () => {
        if (timer === null) return
        clearTimeout(timer)
        save()
      },
    }
  }
}
