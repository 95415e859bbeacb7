import { useState } from 'react'
import { fmtInt } from '../../shared/format'
import { useAppStore } from '../../store'

/** The model's reasoning, apart from the answer; collapsed unless opened. */
export function ReasoningPanel({ columnId }: { columnId: string }) {
  useAppStore((s) => s.lanes[columnId]?.version)
  const reasoning = useAppStore.getState().buffers[columnId]?.reasoning ?? ''
  const [open, setOpen] = useState(false)
  if (reasoning === '') return null
  return (
    <section className="reasoning" data-testid="column-reasoning">
      <button type="button" className="reasoning-toggle" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        <span className="caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        Reasoning <span className="muted">· {fmtInt(reasoning.length)} chars</span>
      </button>
      {open && <pre className="reasoning-text">{reasoning}</pre>}
    </section>
  )
}
