import { useRef } from 'react'
import { MarkdownBlocks, renderMarkdown } from './markdown-blocks'

/** A long open tail is re-rendered at most this often; shorter ones every frame. */
const LONG_TAIL = 4000
const LONG_TAIL_INTERVAL_MS = 100

export interface MarkdownView {
  blocks: readonly string[]
  tailHtml: string
}

/**
 * Markdown for a growing text. Call on every (frame-throttled) render; `resetKey`
 * changes when the text starts over (a new run or iteration). Once `streaming` is
 * false the tail is rendered whole at once: no later render would catch up a
 * throttled long tail, and the column would show less than it received.
 */
export function useMarkdown(text: string, resetKey: string, streaming = true): MarkdownView {
  const state = useRef<{ key: string; blocks: MarkdownBlocks; tail: string; tailHtml: string; at: number } | null>(null)
  if (!state.current || state.current.key !== resetKey) {
    state.current = { key: resetKey, blocks: new MarkdownBlocks(), tail: '', tailHtml: '', at: 0 }
  }
  const s = state.current
  const { blocks, tail } = s.blocks.update(text)
  if (tail !== s.tail) {
    const now = performance.now()
    if (!streaming || tail.length < LONG_TAIL || now - s.at >= LONG_TAIL_INTERVAL_MS || !tail.startsWith(s.tail)) {
      s.tailHtml = tail === '' ? '' : renderMarkdown(tail)
      s.tail = tail
      s.at = now
    }
  }
  return { blocks, tailHtml: s.tailHtml }
}
