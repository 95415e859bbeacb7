import type { ChatTurn, Draft, RunParams, RunRequest } from '../../../../main/common/api'
import type { ParamRange } from '../../../../main/common/param-ranges'
import { cleanParams } from '../../shared/clean-params'
import { newId } from '../../store/ids'
import type { SliceCreator } from '../../store/types'

export interface Turn extends ChatTurn {
  id: string
}

/** A parameter field whose text cannot be sent: kept so the run is blocked and the field shows why. */
export interface FieldError {
  /** What was typed (restored if the field remounts, e.g. a column's overrides panel reopened). */
  text: string
  /** "Use a number from 0 to 2". */
  problem: string
  /** For the run's refusal: "Shared temperature", "Column 2 max tokens". */
  label: string
  /** The field's DOM id, focused when a run is refused because of it. */
  elementId: string
}

export interface PromptSlice {
  /** Every numeric parameter's range, from main (the engine's table): the fields check exactly these. */
  paramRanges: ParamRange[]
  /** Invalid parameter fields by input id; a run is refused while any is set. */
  fieldErrors: Record<string, FieldError>
  loadParamRanges: () => Promise<void>
  setFieldError: (fieldId: string, error: FieldError | null) => void
  system: string
  turns: Turn[]
  /** Parameters shared by every column; a column may override any of them. */
  params: RunParams
  setSystem: (system: string) => void
  addTurn: () => void
  updateTurn: (id: string, patch: Partial<ChatTurn>) => void
  removeTurn: (id: string) => void
  setParams: (params: RunParams) => void
  /** Loads a past run's prompt (History → re-run). */
  loadPrompt: (request: RunRequest) => void
  /** Restores the saved draft's prompt half (system, turns, shared parameters). */
  loadPromptDraft: (draft: Draft) => void
}

export const SAMPLE_PROMPT =
  'Explain in three short paragraphs how a hash map works, then show a minimal TypeScript example.'

export const createPromptSlice: SliceCreator<PromptSlice> =
  ({ api }) =>
  (set, get) => ({
    paramRanges: [],
    fieldErrors: {},
    loadParamRanges: async () => {
      try {
        set({ paramRanges: await api.paramRanges() })
      } catch (err) {
        // Without the table the fields only check that a value is a number; main still checks every run.
        console.error('edgequake: parameter ranges failed to load', err)
        get().notify(
          `Could not load the parameter ranges: ${err instanceof Error ? err.message : String(err)}`,
          'error',
        )
      }
    },
    setFieldError: (fieldId, error) =>
      set((s) => {
        if (error === null) {
          if (!(fieldId in s.fieldErrors)) return s
          const { [fieldId]: _, ...rest } = s.fieldErrors
          return { fieldErrors: rest }
        }
        return { fieldErrors: { ...s.fieldErrors, [fieldId]: error } }
      }),
    system: '',
    turns: [{ id: newId('t'), role: 'user', content: SAMPLE_PROMPT }],
    params: {},
    setSystem: (system) => set({ system }),
    addTurn: () =>
      set((s) => {
        const last = s.turns.at(-1)
        const role: ChatTurn['role'] = last?.role === 'user' ? 'assistant' : 'user'
        return { turns: [...s.turns, { id: newId('t'), role, content: '' }] }
      }),
    updateTurn: (id, patch) => set((s) => ({ turns: s.turns.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
    removeTurn: (id) => set((s) => ({ turns: s.turns.filter((t) => t.id !== id) })),
    setParams: (params) => set({ params: cleanParams(params) }),
    loadPrompt: (request) =>
      set({
        system: request.system ?? '',
        turns: request.messages.map((m) => ({ id: newId('t'), role: m.role, content: m.content })),
        params: cleanParams(request.params),
        fieldErrors: {},
      }),
    loadPromptDraft: (draft) =>
      set({
        system: draft.system,
        turns:
          draft.turns.length > 0
            ? draft.turns.map((m) => ({ id: newId('t'), role: m.role, content: m.content }))
            : [{ id: newId('t'), role: 'user', content: '' }],
        params: cleanParams(draft.params),
        fieldErrors: {},
      }),
  })
