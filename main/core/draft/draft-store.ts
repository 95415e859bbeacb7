/**
 * The playground's draft (`draft.json` in the data directory): the prompt,
 * system prompt, turns, columns with their models and overrides, as the user
 * left them, so a reload or a restart comes back to the same screen. The
 * renderer saves it debounced; main checks its shape like any other input and
 * writes it atomically. A damaged file is recovered like every JSON file of ours
 * (moved aside, the previous draft restored from its backup, a notice for the
 * UI); a readable one of the wrong shape is logged and treated as no draft.
 */
import { join } from 'node:path'
import type { ChatTurn, Draft, RunParams, StorageNotice } from '../../common/api'
import { MAX_COLUMNS } from '../../common/limits'
import { InputError } from '../api/input-error'
import { writeFileAtomic } from '../settings/atomic-write'
import { readJsonObjectFile } from '../storage/json-file'

export const DRAFT_FILE = 'draft.json'
/** A draft is text typed by hand: anything larger is not one. */
export const MAX_DRAFT_BYTES = 4 << 20
const MAX_TURNS = 200

export interface DraftStore {
  read(): Draft | null
  write(draft: unknown): void
  /** What happened to a damaged draft file, for the UI. */
  notices(): StorageNotice[]
}

export function createDraftStore(dataDir: string, log: (message: string) => void): DraftStore {
  const path = join(dataDir, DRAFT_FILE)
  const notices: StorageNotice[] = []
  return {
    read() {
      const raw = readJsonObjectFile(path, {
        label: 'Draft',
        onNotice: (n) => notices.push(n),
        lostWithoutBackup: 'the prompt and columns you had on screen were not recovered',
      })
      if (raw === null) return null
      try {
        return checkDraft(raw)
      } catch (err) {
        log(`the saved draft (${path}) could not be used, starting from the defaults: ${(err as Error).message}`)
        return null
      }
    },
    notices: () => [...notices],
    write(raw) {
      const text = JSON.stringify(checkDraft(raw))
      if (text.length > MAX_DRAFT_BYTES) throw new InputError(`the draft is over ${MAX_DRAFT_BYTES} bytes`)
      writeFileAtomic(path, text)
    },
  }
}

/** Rebuilds a draft from known fields only; throws InputError naming what is wrong. */
export function checkDraft(raw: unknown): Draft {
  const d = object(raw, 'the draft')
  if (typeof d.system !== 'string') throw new InputError('draft: system must be text')
  if (!Array.isArray(d.turns) || d.turns.length > MAX_TURNS)
    throw new InputError(`draft: turns must be a list (at most ${MAX_TURNS})`)
  const turns: ChatTurn[] = d.turns.map((t, i) => {
    const turn = object(t, `draft turn ${i + 1}`)
    if ((turn.role !== 'user' && turn.role !== 'assistant') || typeof turn.content !== 'string') {
      throw new InputError(`draft turn ${i + 1}: needs role user|assistant and text content`)
    }
    return { role: turn.role, content: turn.content }
  })
  if (!Array.isArray(d.columns) || d.columns.length < 1 || d.columns.length > MAX_COLUMNS) {
    throw new InputError(`draft: 1 to ${MAX_COLUMNS} columns`)
  }
  const columns = d.columns.map((c, i) => {
    const col = object(c, `draft column ${i + 1}`)
    if (typeof col.model !== 'string') throw new InputError(`draft column ${i + 1}: model must be text`)
    const out: Draft['columns'][number] = { model: col.model, overrides: params(col.overrides, i + 1) }
    if (col.endpointId !== undefined) {
      if (typeof col.endpointId !== 'string') throw new InputError(`draft column ${i + 1}: endpointId must be text`)
      out.endpointId = col.endpointId
    }
    return out
  })
  return { system: d.system, turns, params: params(d.params, 0), columns }
}

/**
 * Parameters as they were on screen: only the known fields with the right type
 * (ranges are checked when a run starts, as the fields check them while typing).
 */
function params(raw: unknown, column: number): RunParams {
  const p = object(raw ?? {}, column === 0 ? 'draft parameters' : `draft column ${column} overrides`)
  const out: RunParams = {}
  for (const key of ['temperature', 'top_p', 'max_tokens', 'seed'] as const) {
    if (typeof p[key] === 'number' && Number.isFinite(p[key])) out[key] = p[key]
  }
  if (Array.isArray(p.stop) && p.stop.every((s) => typeof s === 'string')) out.stop = [...p.stop]
  if (p.reasoning_effort === 'low' || p.reasoning_effort === 'medium' || p.reasoning_effort === 'high') {
    out.reasoning_effort = p.reasoning_effort
  }
  return out
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(`${what} must be an object`)
  return v as Record<string, unknown>
}
