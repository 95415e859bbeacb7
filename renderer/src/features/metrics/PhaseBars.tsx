import type { Timing } from '../../../../main/common/timing'
import { fmtMs } from './format'
import { networkPhases, PHASE_LABELS, type PhaseKey } from './phases'

export interface PhaseRow {
  label: string
  colorIndex: number
  timing: Timing | null
}

const KEYS = Object.keys(PHASE_LABELS) as PhaseKey[]

/** Where each column's time to first token went: DNS, connect, TLS, first byte, first token. */
export function PhaseBars({ rows }: { rows: PhaseRow[] }) {
  const withTiming = rows.filter((r): r is PhaseRow & { timing: Timing } => r.timing?.first_token_ms != null)
  const max = Math.max(1, ...withTiming.map((r) => r.timing.first_token_ms ?? 0))
  return (
    <div className="phase-bars" data-testid="phase-bars">
      <div className="phase-legend">
        {KEYS.map((k) => (
          <span key={k} className="phase-key">
            <i className={`phase-swatch ${k}`} /> {PHASE_LABELS[k]}
          </span>
        ))}
      </div>
      {rows.length === 0 && <div className="muted">Run to see where time to first token goes.</div>}
      {rows.map((r) => {
        const t = r.timing?.first_token_ms != null ? r.timing : null
        const phases = t ? networkPhases(t) : []
        return (
          <div className="phase-row" key={`${r.colorIndex}:${r.label}`}>
            <span className="phase-label" style={{ borderColor: `var(--s${r.colorIndex})` }} title={r.label}>
              {r.label}
            </span>
            <div className="phase-track">
              {phases.map((p) =>
                p.ms > 0 ? (
                  <span
                    key={p.key}
                    className={`phase-seg ${p.key}`}
                    style={{ width: `${(p.ms / max) * 100}%` }}
                    title={`${p.label}: ${fmtMs(p.ms)}`}
                  />
                ) : null,
              )}
              {!t && <span className="phase-pending">{r.timing ? 'no token' : 'after the column ends'}</span>}
            </div>
            <span className="phase-total mono">
              {t ? fmtMs(t.first_token_ms) : '—'}
              {t?.reused_connection && <span className="badge">reused</span>}
            </span>
          </div>
        )
      })}
    </div>
  )
}
