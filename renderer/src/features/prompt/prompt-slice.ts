import type { ChatTurn, RunParams, RunRequest } from '../../../../main/common/api'
import { newId } from '../../store/ids'
import type { SliceCreator } from '../../store/types'

export interface Turn extends ChatTurn {
  id: string
}

export interface PromptSlice {
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
}

export const SAMPLE_PROMPT =
  'Explain in three short paragraphs how a hash map works, then show a minimal TypeScript example.'

export const createPromptSlice: SliceCreator<PromptSlice> = () => (set) => ({
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
    }),
})

/** Drops unset keys, so "absent means the provider's default" holds on the wire. */
export function cleanParams(params: RunParams): RunParams {
  const out: RunParams = {}
  for (const [key, value] of Object.entries(params) as [keyof RunParams, unknown][]) {
    if (value === undefined || value === null || value === '') continue
    if (typeof value === 'number' && Number.isNaN(value)) continue
    if (Array.isArray(value) && value.length === 0) continue
    ;(out as Record<string, unknown>)[key] = value
  }
  return out
}
