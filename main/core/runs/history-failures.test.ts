/**
 * A history store that fails (an injected recorder here; the real database on
 * a full disk in history/history-disk-full.test.ts): nothing is shown that was
 * not saved, and the column says what was not saved and why.
 */
import { describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import type { RunEvent, RunRequest } from '../../common/api'
import { createKeys } from '../settings/keys'
import { createMemorySecretStore } from '../settings/secret-store'
import { defaultSettings } from '../settings/settings-store'
import { StorageError } from '../storage/storage-error'
import { HISTORY_WRITE_ERROR } from './history-failure'
import { resolveTargets } from './resolve-call'
import { RunManager } from './run-manager'
import type { ColumnFrame, RunRecorder } from './run-recorder'

const DISK_FULL = (what: string) =>
  new StorageError(
    'disk-full',
    '/data/history.sqlite',
    what,
    'Free some space on the disk holding /data, then try again.',
  )

/** Keeps what it was given, like the database would; `fail` decides which calls throw instead. */
function recorder(fail: Partial<Record<keyof RunRecorder, (callIndex: number) => boolean>>) {
  const saved = new Map<string, string>()
  const calls: Record<string, number> = {}
  const ends: string[] = []
  const check = (name: keyof RunRecorder) => {
    calls[name] = (calls[name] ?? 0) + 1
    if (fail[name]?.(calls[name])) throw DISK_FULL(`This column's output`)
  }
  const r: RunRecorder = {
    runStarted: () => check('runStarted'),
    columnsStarted: () => check('columnsStarted'),
    framesArrived: (_runId, frames: ColumnFrame[]) => {
      check('framesArrived')
      for (const f of frames) {
        const key = `${f.iteration}/${f.columnId}`
        saved.set(key, (saved.get(key) ?? '') + f.text)
      }
    },
    columnEnded: (_runId, end) => {
      check('columnEnded')
      ends.push(`${end.iteration}/${end.columnId}`)
    },
    runEnded: () => check('runEnded'),
  }
  return { recorder: r, saved, ends }
}

function setup(r: RunRecorder) {
  const engine = new FakeEngine()
  const logs: string[] = []
  const keys = createKeys(createMemorySecretStore(), () => engine.providers(), {})
  const manager = new RunManager({
    engine,
    recorder: r,
    log: (m) => logs.push(m),
    resolve: async (request) => ({
      targets: await resolveTargets(request, { keys, settings: defaultSettings(), providers: engine.providers() }),
      secrets: [],
    }),
  })
  return { engine, manager, logs }
}

async function run(manager: RunManager, request: RunRequest) {
  const events: RunEvent[] = []
  const { done } = await manager.start(request, (e) => events.push(e))
  await done
  return events
}

const req = (columns: RunRequest['columns']): RunRequest => ({
  messages: [{ role: 'user', content: 'go' }],
  params: {},
  columns,
})

const shown = (events: RunEvent[], columnId: string) =>
  events
    .flatMap((e) => (e.type === 'parts' && e.columnId === columnId ? e.parts : []))
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('')

describe('history write failures', () => {
  test('a frame that cannot be saved is not shown: its columns stop with the disk-full error', async () => {
    const { recorder: r, saved } = recorder({ framesArrived: (i) => i >= 3 })
    const { engine, manager, logs } = setup(r)
    engine.script('openai/long', { chunks: Array.from({ length: 400 }, (_, i) => `w${i} `), gapMs: 1 })
    const events = await run(manager, req([{ columnId: 'a', model: 'openai/long' }]))
    const failed = events.find((e) => e.type === 'column-failed')
    if (failed?.type !== 'column-failed') throw new Error('no column-failed')
    expect(failed.error.name).toBe(HISTORY_WRITE_ERROR)
    expect(failed.error.message).toMatch(/could not be saved to \/data\/history\.sqlite: the disk is full/)
    expect(failed.error.message).toMatch(/stopped/)
    expect(failed.error.hint).toMatch(/Free some space/)
    expect(shown(events, 'a')).toBe(saved.get('0/a'))
    expect(shown(events, 'a').length).toBeLessThan(400 * 4)
    expect(events.at(-1)!.type).toBe('run-finished')
    expect(logs.join('\n')).toMatch(/disk is full/)
  })

  test('the columns of the failed frame stop; a column whose frames were saved finishes', async () => {
    // The second flush fails; only column b has parts then (a is still waiting for its first token).
    const { recorder: r, saved } = recorder({ framesArrived: (i) => i === 2 })
    const { engine, manager } = setup(r)
    engine.script('openai/quick', { chunks: ['x'], ttftMs: 1 })
    engine.script('openai/steady', { chunks: Array.from({ length: 50 }, () => 'y'), ttftMs: 1, gapMs: 5 })
    const events = await run(
      manager,
      req([
        { columnId: 'a', model: 'openai/quick' },
        { columnId: 'b', model: 'openai/steady' },
      ]),
    )
    const end = (id: string) =>
      events.find((e) => (e.type === 'column-failed' || e.type === 'column-finished') && e.columnId === id)
    expect(end('a')?.type).toBe('column-finished')
    expect(end('b')?.type).toBe('column-failed')
    expect(shown(events, 'b')).toBe(saved.get('0/b') ?? '')
  })

  test('a run that cannot be recorded is refused before anything is shown', async () => {
    const { recorder: r } = recorder({ runStarted: () => true })
    const { manager } = setup(r)
    const events: RunEvent[] = []
    await expect(manager.start(req([{ columnId: 'a', model: 'openai/m' }]), (e) => events.push(e))).rejects.toThrow(
      /disk is full/,
    )
    expect(events).toEqual([])
  })

  test('columns whose start cannot be recorded are not started, and say why', async () => {
    const { recorder: r } = recorder({ columnsStarted: () => true })
    const { engine, manager } = setup(r)
    const events = await run(manager, req([{ columnId: 'a', model: 'openai/m' }]))
    expect(engine.calls).toHaveLength(0)
    const failed = events.find((e) => e.type === 'column-failed')
    expect(failed?.type === 'column-failed' && failed.error.name).toBe(HISTORY_WRITE_ERROR)
    expect(events.some((e) => e.type === 'parts')).toBe(false)
  })

  test('a finished column whose end cannot be saved shows the failure, not unsaved timing', async () => {
    const { recorder: r } = recorder({ columnEnded: () => true })
    const { engine, manager } = setup(r)
    engine.script('openai/m', { chunks: ['a', 'b'] })
    const events = await run(manager, req([{ columnId: 'a', model: 'openai/m' }]))
    expect(events.some((e) => e.type === 'column-finished')).toBe(false)
    const failed = events.find((e) => e.type === 'column-failed')
    if (failed?.type !== 'column-failed') throw new Error('no column-failed')
    expect(failed.error.message).toMatch(/timing and usage are not/)
    expect(failed.timing).toBeNull()
  })
})
