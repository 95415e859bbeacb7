import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { parseParam } from '../../../../main/common/param-ranges'
import { useAppStore } from '../../store'

/**
 * The stall timeout: how long a stream may send nothing before its column fails
 * with `Timeout` (the engine's `stream_timeout`). Checked against the engine's own row.
 */
export function StallTimeoutSettings() {
  const { value, range, save } = useAppStore(
    useShallow((s) => ({
      value: s.settings?.streamTimeoutS,
      range: s.paramRanges.find((r) => r.name === 'stream_timeout'),
      save: s.setStreamTimeout,
    })),
  )
  const [draft, setDraft] = useState<string | null>(null)
  if (value === undefined) return null
  const text = draft ?? (value === null ? '' : String(value))
  const parsed = parseParam(text, range)
  const problem = parsed.ok ? null : parsed.problem
  return (
    <form
      className="simulated-form"
      onSubmit={async (e) => {
        e.preventDefault()
        if (!parsed.ok) return
        if (await save(parsed.value ?? null)) setDraft(null)
      }}
    >
      <label className="field" htmlFor="stall-timeout">
        <span className="field-label">Stall timeout (s): a stream silent this long fails; empty = no limit</span>
        <input
          id="stall-timeout"
          className="input mono"
          inputMode="decimal"
          data-testid="stall-timeout"
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'stall-timeout-error' : undefined}
          placeholder="no limit"
          value={text}
          onChange={(e) => setDraft(e.target.value)}
        />
        {problem && (
          <span className="field-error" id="stall-timeout-error" data-testid="stall-timeout-error">
            {problem}
          </span>
        )}
      </label>
      <button type="submit" className="btn" data-testid="stall-timeout-save" disabled={!parsed.ok || draft === null}>
        Save timeout
      </button>
    </form>
  )
}
