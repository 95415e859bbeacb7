import { PHASE_LABELS, type PhaseKey, ttftPhases } from '../../../../main/common/phases'
import type { Timing } from '../../../../main/common/timing'
import { fmtMs } from '../../shared/format'
import './phases.css'

export interface PhaseRow {
  label: string
  colorIndex: number
  timing: Timing | null
}

/** The client-only phases, always in the legend; the server's appear when a row has them. */
const CLIENT_KEYS: PhaseKey[] = ['dns', 'connect', 'tls', 'firstByte', 'firstToken']

/**
 * Where each column's time to first token went: DNS, connect, TLS, then first byte and
 * first token — or, where the server reported its own timing, its queue, model load and
 * prefill, and the network + other left over (main/common/phases.ts).
 */
export function PhaseBars({ rows }: { rows: PhaseRow[] }) {
  const withTiming = rows.filter((r): r is PhaseRow & { timing: Timing } => r.timing?.first_token_ms != null)
  const max = Math.max(1, ...withTiming.map((r) => r.timing.first_token_ms ?? 0))
  const used = new Set(withTiming.flatMap((r) => ttftPhases(r.timing).map((p) => p.key)))
  const keys = (Object.keys(PHASE_LABELS) as PhaseKey[]).filter((k) => CLIENT_KEYS.includes(k) || used.has(k))
  return (
    <div className="phase-bars" data-testid="phase-bars">
      <div className="phase-legend">
        {keys.map((k) => (
          <span key={k} className="phase-key">
            <i className={`phase-swatch ${k}`} /> {PHASE_LABELS[k]}
          </span>
        ))}
      </div>
      {rows.length === 0 && <div className="muted">Run to see where time to first token goes.</div>}
      {rows.map((r) => {
        const t = r.timing?.first_token_ms != null ? r.timing : null
        const phases = t ? ttftPhases(t) : []
        const server = phases.some((p) => p.side === 'server')
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
              {server && (
                <span className="phase-source" title="Queue, load and prefill as the server reported them">
                  server-reported
                </span>
              )}
            </span>
          </div>
        )
      })}
    </div>
  )
}
