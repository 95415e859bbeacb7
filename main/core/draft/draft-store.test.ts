import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { checkDraft, createDraftStore, DRAFT_FILE } from './draft-store'

const draft = {
  system: 'Be brief.',
  turns: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello' },
  ],
  params: { temperature: 0.3, stop: ['END'] },
  columns: [
    { model: 'openai/gpt-4o-mini', overrides: {} },
    { model: 'openai/llama', endpointId: 'ep_1', overrides: { seed: 7 } },
  ],
}

let dir: string
let logged: string[]
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-draft-'))
  logged = []
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('draft store', () => {
  test('writes and reads back the draft; nothing saved reads as null', () => {
    const store = createDraftStore(dir, (m) => logged.push(m))
    expect(store.read()).toBeNull()
    store.write(draft)
    expect(createDraftStore(dir, () => {}).read()).toEqual(draft)
  })

  test('keeps known fields only, of the right type', () => {
    const smuggled = {
      ...draft,
      api_key: 'sk-x',
      params: { temperature: 0.3, top_p: 'high', api_base: 'http://evil' },
      columns: [{ model: 'openai/x', overrides: { max_tokens: 10, extra: 1 }, api_key: 'k' }],
    }
    const out = checkDraft(smuggled)
    expect(JSON.stringify(out)).not.toMatch(/sk-x|evil|extra|api_key/)
    expect(out.params).toEqual({ temperature: 0.3 })
    expect(out.columns).toEqual([{ model: 'openai/x', overrides: { max_tokens: 10 } }])
  })

  test.each([
    [null, /must be an object/],
    [{ ...draft, turns: [{ role: 'system', content: 'x' }] }, /role user\|assistant/],
    [{ ...draft, columns: [] }, /1 to 8 columns/],
    [{ ...draft, columns: [{ model: 5, overrides: {} }] }, /model must be text/],
  ])('refuses %j', (raw, message) => {
    expect(() => createDraftStore(dir, () => {}).write(raw)).toThrow(message)
  })

  test('a damaged file is moved aside (never lost), the previous draft restored, and the user told', () => {
    const store = createDraftStore(dir, (m) => logged.push(m))
    store.write(draft)
    store.write({ ...draft, system: 'Newer.' }) // the first draft is now the backup
    writeFileSync(join(dir, DRAFT_FILE), '{"system": ') // torn

    const reopened = createDraftStore(dir, (m) => logged.push(m))
    expect(reopened.read()).toEqual(draft)
    const [notice] = reopened.notices()
    expect(notice?.restoredFrom).toBe('backup')
    expect(readFileSync(notice?.movedTo ?? '', 'utf8')).toBe('{"system": ')
    expect(notice?.message).toContain(join(dir, DRAFT_FILE))
  })

  test('a damaged file with no backup reads as no draft, kept aside, and the notice says so', () => {
    writeFileSync(join(dir, DRAFT_FILE), '{"system": ')
    const store = createDraftStore(dir, (m) => logged.push(m))
    expect(store.read()).toBeNull()
    const [notice] = store.notices()
    expect(notice?.restoredFrom).toBe('defaults')
    expect(readFileSync(notice?.movedTo ?? '', 'utf8')).toBe('{"system": ')
  })

  test('a readable file of the wrong shape is logged and read as no draft, not thrown', () => {
    writeFileSync(join(dir, DRAFT_FILE), '{"system": 5}')
    expect(createDraftStore(dir, (m) => logged.push(m)).read()).toBeNull()
    expect(logged.join('\n')).toMatch(/could not be used, starting from the defaults/)
  })
})
