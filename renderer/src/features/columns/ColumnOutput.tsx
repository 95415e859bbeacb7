import { useLayoutEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { isActive } from '../../shared/lane'
import { useAppStore } from '../../store'
import { MarkdownView } from './MarkdownView'

/** The answer as it streams, re-rendered at most once per frame. */
export function ColumnOutput({ columnId }: { columnId: string }) {
  const lane = useAppStore(
    useShallow((s) => {
      const l = s.lanes[columnId]
      return { version: l?.version, iteration: l?.iteration, status: l?.status, runId: s.runId }
    }),
  )
  const buf = useAppStore.getState().buffers[columnId]
  const text = buf?.text ?? ''
  const toolCalls = buf?.toolCalls ?? []
  const scroller = useRef<HTMLDivElement>(null)
  const stick = useRef(true)

  // Follow the stream while the reader is at the bottom; stop following once they scroll up.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run on every published frame
  useLayoutEffect(() => {
    const el = scroller.current
    if (el && stick.current) el.scrollTop = el.scrollHeight
  }, [lane.version])

  const streaming = lane.status !== undefined && isActive(lane.status)
  return (
    <div
      ref={scroller}
      className="column-output"
      data-testid="column-output"
      aria-live="off"
      aria-busy={streaming}
      onScroll={(e) => {
        const el = e.currentTarget
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40
      }}
    >
      {text === '' && toolCalls.length === 0 ? (
        <div className="output-empty">{streaming ? <span className="cursor-blink" /> : null}</div>
      ) : (
        <MarkdownView text={text} resetKey={`${lane.runId}:${lane.iteration}`} streaming={streaming} />
      )}
      {toolCalls.map((c) => (
        <div key={c.index} className="tool-call">
          <div className="tool-call-head">
            tool call <span className="mono">{c.name ?? '…'}</span>
          </div>
          <pre className="mono">{c.arguments}</pre>
        </div>
      ))}
    </div>
  )
}
