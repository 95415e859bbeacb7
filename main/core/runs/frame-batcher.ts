/**
 * Coalesces stream parts per display frame (~16 ms): a provider can send
 * hundreds of chunks a second per column, but the renderer paints at most once
 * a frame, and each event costs an IPC message or a socket write plus a
 * history transaction. The first part after an idle period opens a frame; when
 * it closes, everything pending for every column goes out together.
 */
import type { StreamPart } from '../../common/stream-parts'

export const FRAME_MS = 16

export interface PendingFrame {
  iteration: number
  columnId: string
  parts: StreamPart[]
}

export class FrameBatcher {
  readonly #flush: (frames: PendingFrame[]) => void
  readonly #frameMs: number
  #pending = new Map<string, PendingFrame>()
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(flush: (frames: PendingFrame[]) => void, frameMs = FRAME_MS) {
    this.#flush = flush
    this.#frameMs = frameMs
  }

  push(iteration: number, columnId: string, parts: StreamPart[]): void {
    if (parts.length === 0) return
    const key = `${iteration}\u0000${columnId}`
    const frame = this.#pending.get(key)
    if (frame) frame.parts.push(...parts)
    else this.#pending.set(key, { iteration, columnId, parts: [...parts] })
    this.#timer ??= setTimeout(() => this.flushNow(), this.#frameMs)
  }

  /** Sends what is pending now (before a column's end event, so parts always precede it). */
  flushNow(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#pending.size === 0) return
    const frames = [...this.#pending.values()]
    this.#pending = new Map()
    this.#flush(frames)
  }
}
