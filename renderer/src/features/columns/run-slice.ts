import type {
  ColumnSpec,
  ColumnStats,
  CustomEndpoint,
  RunEvent,
  RunExtras,
  RunRequest,
} from '../../../../main/common/api'
import { modelLabel } from '../../../../main/common/model-ref'
import { endLane, type IterationResult, isActive, type Lane, queuedLane, startError } from '../../shared/lane'
import { columnMetrics } from '../../shared/live-metrics'
import { appendParts, createStreamBuffer, type StreamBuffer } from '../../shared/stream-buffer'
import type { AppState, SliceCreator } from '../../store/types'
import { buildRunRequest } from '../prompt/build-request'
import { runAnnouncement } from './run-announcement'

/** A column's label before main confirms it: the endpoint's name as Settings knows it. */
function labelOf(spec: ColumnSpec, endpoints: CustomEndpoint[] | undefined): string {
  if (!spec.endpointId) return spec.model
  const name = spec.endpointName ?? endpoints?.find((e) => e.id === spec.endpointId)?.name
  return modelLabel(name === undefined ? spec : { ...spec, endpointName: name })
}

function laneFor(spec: ColumnSpec, s: AppState): Lane {
  return queuedLane(spec.columnId, spec.model, labelOf(spec, s.settings?.endpoints), spec.endpointId)
}

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
  /** Runs one failed or stopped column again, alone; the other columns keep what they show. */
  retryColumn: (columnId: string) => Promise<void>
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

  /** The column a retry runs alone: its stats replace that column's, the others' stay. */
  let retrying: string | null = null

  return (set, get) => {
    /** Starts `request` with the lanes already set up; a failure to start fails those lanes. */
    const launch = async (request: RunRequest, patch: Partial<AppState>) => {
      generation += 1
      const mine = generation
      dirty.clear()
      set({ ...patch, runId: null, runStatus: 'starting', notice: null })
      try {
        await api.startRun(request, (event) => {
          if (mine === generation) onEvent(event)
        })
      } catch (err) {
        if (mine !== generation) return
        console.error('edgequake: run failed to start', err)
        const message = err instanceof Error ? err.message : String(err)
        const failed: Record<string, Lane> = { ...get().lanes }
        for (const c of request.columns) {
          const lane = failed[c.columnId]
          if (lane) failed[c.columnId] = { ...lane, status: 'failed', error: startError(message) }
        }
        set({ lanes: failed, runStatus: 'done' })
        get().announce(`The run could not start: ${message}`)
      }
    }

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
        case 'run-started': {
          // Main names each endpoint column's endpoint as it is now: the labels follow.
          const lanes = { ...s.lanes }
          for (const spec of event.columns) {
            const lane = lanes[spec.columnId]
            if (lane) lanes[spec.columnId] = { ...lane, label: labelOf(spec, s.settings?.endpoints) }
          }
          set({ runId: event.runId, runStatus: 'running', iterations: event.iterations, lanes })
          s.announce(runAnnouncement({ ...get(), lanes }))
          return
        }
        case 'column-started': {
          const lane = s.lanes[event.columnId]
          if (!lane || event.iteration < lane.iteration) return
          dirty.delete(event.columnId)
          set({
            buffers: { ...s.buffers, [event.columnId]: createStreamBuffer() },
            lanes: {
              ...s.lanes,
              [event.columnId]: {
                ...queuedLane(lane.columnId, lane.model, lane.label, lane.endpointId),
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
          appendParts(buf, event.parts, now())
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
            label: lane.label,
            iteration: event.iteration,
            // Warm = the call reused a connection, as main's stats count it (the engine's record);
            // the start event's pre-warm flag only when the call has no timing.
            warm: event.timing?.reused_connection ?? (event.iteration === lane.iteration ? lane.warm : null),
            timing: event.timing,
            error: event.type === 'column-failed' ? event.error : null,
          }
          // What the screen showed live (the chars/4 estimate), kept to reconcile with the provider's count.
          const live = columnMetrics(lane, s.buffers[event.columnId], now())
          const ended = endLane(lane, event, version)
          if (event.iteration === lane.iteration && live.tokens !== null) {
            ended.liveEstimate = { tokens: live.tokens, decodeTps: live.decodeTps }
          }
          set({
            lanes: { ...lanes, [event.columnId]: ended },
            results: [...s.results, result],
            frame: s.frame + 1,
          })
          return
        }
        case 'run-finished': {
          const lanes = flushed(s.lanes, s.buffers)
          const order = (id: string) => s.runRequest?.columns.findIndex((c) => c.columnId === id) ?? 0
          const stats = retrying
            ? [...s.stats.filter((x) => !event.stats.some((y) => y.columnId === x.columnId)), ...event.stats].sort(
                (a, b) => order(a.columnId) - order(b.columnId),
              )
            : event.stats
          set({ lanes, stats, runStatus: 'done', frame: s.frame + 1 })
          s.announce(runAnnouncement({ ...get(), lanes }))
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
          if (built.focus) set({ focusTarget: built.focus })
          return
        }
        if (s.runId && s.runStatus === 'running') void s.stopAll()
        const { request } = built
        const lanes: Record<string, Lane> = {}
        const buffers: Record<string, StreamBuffer> = {}
        for (const c of request.columns) {
          lanes[c.columnId] = laneFor(c, s)
          buffers[c.columnId] = createStreamBuffer()
        }
        retrying = null
        await launch(request, {
          runRequest: request,
          iterations: request.repeat?.count ?? 1,
          lanes,
          buffers,
          results: [],
          stats: [],
        })
      },
      retryColumn: async (columnId) => {
        const s = get()
        const lane = s.lanes[columnId]
        const spec = s.runRequest?.columns.find((c) => c.columnId === columnId)
        if (!s.runRequest || !lane || !spec || s.runStatus !== 'done' || isActive(lane.status)) return
        // The request as it was sent, this column only: a retry repeats that call, not the edited screen.
        const { prewarm: _, ...sent } = s.runRequest
        const request: RunRequest = { ...sent, columns: [spec] }
        retrying = columnId
        await launch(request, {
          lanes: { ...s.lanes, [columnId]: laneFor(spec, s) },
          buffers: { ...s.buffers, [columnId]: createStreamBuffer() },
          results: s.results.filter((r) => r.columnId !== columnId),
        })
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
