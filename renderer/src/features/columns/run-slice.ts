import type { ColumnStats, RunEvent, RunExtras, RunRequest } from '../../../../main/common/api'
import type { SliceCreator } from '../../store/types'
import { buildRunRequest } from '../prompt/build-request'
import { endLane, type IterationResult, isActive, type Lane, queuedLane, startError } from './lane'
import { appendParts, createStreamBuffer, type StreamBuffer } from './stream-buffer'

export interface RunSlice {
  runId: string | null
  runStatus: 'idle' | 'starting' | 'running' | 'done'
  /** The request of the run shown. */
  runRequest: RunRequest | null
  iterations: number
  lanes: Record<string, Lane>
  /** Mutable per-column output, appended per part; read it when its lane's `version` changes. */
  buffers: Record<string, StreamBuffer>
  results: IterationResult[]
  stats: ColumnStats[]
  /** Bumped at most once per animation frame while streaming. */
  frame: number
  startRun: (extra?: RunExtras) => Promise<void>
  stopAll: () => Promise<void>
  stopColumn: (columnId: string) => Promise<void>
  handleRunEvent: (event: RunEvent) => void
  /** Publishes the parts appended since the last frame (called by the frame scheduler). */
  flushFrame: () => void
}

export const createRunSlice: SliceCreator<RunSlice> = ({ api, scheduleFrame, now }) => {
  /** Columns with parts not yet published, and whether a flush is scheduled. */
  const dirty = new Set<string>()
  let scheduled = false
  /** Events of an older run (replaced by a newer one) are dropped. */
  let generation = 0

  return (set, get) => {
    const flushed = (lanes: Record<string, Lane>, buffers: Record<string, StreamBuffer>) => {
      const next = { ...lanes }
      for (const id of dirty) {
        const lane = next[id]
        const buf = buffers[id]
        if (!lane || !buf) continue
        const status = lane.status === 'waiting' && buf.arrivals.length > 0 ? 'streaming' : lane.status
        next[id] = { ...lane, version: buf.version, status }
      }
      dirty.clear()
      return next
    }

    const onEvent = (event: RunEvent) => {
      const s = get()
      if (event.type !== 'run-started' && s.runId !== event.runId) return
      switch (event.type) {
        case 'run-started':
          set({ runId: event.runId, runStatus: 'running', iterations: event.iterations })
          return
        case 'column-started': {
          const lane = s.lanes[event.columnId]
          if (!lane || event.iteration < lane.iteration) return
          dirty.delete(event.columnId)
          set({
            buffers: { ...s.buffers, [event.columnId]: createStreamBuffer() },
            lanes: {
              ...s.lanes,
              [event.columnId]: {
                ...queuedLane(lane.columnId, lane.model),
                ended: lane.ended,
                iteration: event.iteration,
                status: 'waiting',
                startSkewMs: event.startSkewMs,
                warm: event.warm,
                startedAt: now(),
              },
            },
          })
          return
        }
        case 'parts': {
          // The per-chunk path: append, publish at the next frame.
          const lane = s.lanes[event.columnId]
          const buf = s.buffers[event.columnId]
          if (!lane || !buf || event.iteration !== lane.iteration) return
          appendParts(buf, event.parts)
          dirty.add(event.columnId)
          if (!scheduled) {
            scheduled = true
            scheduleFrame(() => get().flushFrame())
          }
          return
        }
        case 'column-finished':
        case 'column-failed': {
          const lanes = flushed(s.lanes, s.buffers)
          const lane = lanes[event.columnId]
          if (!lane) return
          const version = s.buffers[event.columnId]?.version ?? 0
          const result: IterationResult = {
            columnId: event.columnId,
            model: lane.model,
            iteration: event.iteration,
            // Warm = the call reused a connection, as main's stats count it (the engine's record);
            // the start event's pre-warm flag only when the call has no timing.
            warm: event.timing?.reused_connection ?? (event.iteration === lane.iteration ? lane.warm : null),
            timing: event.timing,
            error: event.type === 'column-failed' ? event.error : null,
          }
          set({
            lanes: { ...lanes, [event.columnId]: endLane(lane, event, version) },
            results: [...s.results, result],
            frame: s.frame + 1,
          })
          return
        }
        case 'run-finished': {
          const lanes = flushed(s.lanes, s.buffers)
          set({ lanes, stats: event.stats, runStatus: 'done', frame: s.frame + 1 })
          // Recent models and the history list changed in main.
          void get().refreshAfterRun()
          return
        }
      }
    }

    return {
      runId: null,
      runStatus: 'idle',
      runRequest: null,
      iterations: 0,
      lanes: {},
      buffers: {},
      results: [],
      stats: [],
      frame: 0,
      startRun: async (extra = {}) => {
        const s = get()
        const built = buildRunRequest(s, extra)
        if ('problem' in built) {
          s.notify(built.problem, 'error')
          return
        }
        if (s.runId && s.runStatus === 'running') void s.stopAll()
        generation += 1
        const mine = generation
        dirty.clear()
        const { request } = built
        const lanes: Record<string, Lane> = {}
        const buffers: Record<string, StreamBuffer> = {}
        for (const c of request.columns) {
          lanes[c.columnId] = queuedLane(c.columnId, c.model)
          buffers[c.columnId] = createStreamBuffer()
        }
        set({
          runId: null,
          runStatus: 'starting',
          runRequest: request,
          iterations: request.repeat?.count ?? 1,
          lanes,
          buffers,
          results: [],
          stats: [],
          notice: null,
        })
        try {
          await api.startRun(request, (event) => {
            if (mine === generation) onEvent(event)
          })
        } catch (err) {
          if (mine !== generation) return
          console.error('edgequake: run failed to start', err)
          const message = err instanceof Error ? err.message : String(err)
          const failed: Record<string, Lane> = {}
          for (const [id, lane] of Object.entries(get().lanes)) {
            failed[id] = { ...lane, status: 'failed', error: startError(message) }
          }
          set({ lanes: failed, runStatus: 'done' })
        }
      },
      stopAll: async () => {
        const { runId } = get()
        if (!runId) return
        try {
          await api.stopRun(runId)
        } catch (err) {
          console.error('edgequake: stop failed', err)
          get().notify(`Could not stop the run: ${err instanceof Error ? err.message : String(err)}`, 'error')
        }
      },
      stopColumn: async (columnId) => {
        const { runId, lanes } = get()
        if (!runId || !lanes[columnId] || !isActive(lanes[columnId].status)) return
        try {
          await api.stopRun(runId, columnId)
        } catch (err) {
          console.error('edgequake: stop failed', err)
          get().notify(`Could not stop the column: ${err instanceof Error ? err.message : String(err)}`, 'error')
        }
      },
      handleRunEvent: onEvent,
      flushFrame: () => {
        scheduled = false
        if (dirty.size === 0) return
        const s = get()
        set({ lanes: flushed(s.lanes, s.buffers), frame: s.frame + 1 })
      },
    }
  }
}
