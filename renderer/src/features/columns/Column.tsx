import { memo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { fmtMs } from '../metrics/format'
import { GapStrip } from '../metrics/GapStrip'
import { MetricsGrid } from '../metrics/MetricsGrid'
import { ModelPicker } from '../model-picker/ModelPicker'
import { ParamsFields } from '../prompt/ParamsFields'
import { ColumnErrorView } from './ColumnErrorView'
import { ColumnOutput } from './ColumnOutput'
import { isActive, type LaneStatus } from './lane'
import { ReasoningPanel } from './ReasoningPanel'

const STATUS_LABEL: Record<LaneStatus, string> = {
  queued: 'queued',
  waiting: 'waiting for first token',
  streaming: 'streaming',
  done: 'done',
  failed: 'failed',
  stopped: 'stopped',
}

export const Column = memo(function Column({ columnId, index }: { columnId: string; index: number }) {
  const s = useAppStore(
    useShallow((s) => {
      const lane = s.lanes[columnId]
      return {
        config: s.columns.find((c) => c.columnId === columnId),
        shared: s.params,
        canRemove: s.columns.length > 1,
        running: s.runStatus === 'starting' || s.runStatus === 'running',
        iterations: s.iterations,
        status: lane?.status,
        iteration: lane?.iteration,
        warm: lane?.warm,
        reused: lane?.timing?.reused_connection,
        skew: lane?.startSkewMs,
        error: lane?.error,
        setColumnModel: s.setColumnModel,
        setColumnOverrides: s.setColumnOverrides,
        removeColumn: s.removeColumn,
        stopColumn: s.stopColumn,
      }
    }),
  )
  const [showParams, setShowParams] = useState(false)
  if (!s.config) return null
  const n = index + 1
  const overrideCount = Object.keys(s.config.overrides).length
  const active = s.status !== undefined && isActive(s.status)
  // At the start, only whether main pre-warmed the connection is known; once the call
  // ended, the engine's record says whether it really reused one (what Run ×N counts).
  const warm = s.reused ?? s.warm
  return (
    <article
      className={`column status-${s.status ?? 'idle'}`}
      data-testid={`column-${index}`}
      data-status={s.status ?? 'idle'}
      aria-label={`Column ${n}: ${s.config.model || 'no model'}`}
      style={{ '--series': `var(--s${n})` } as React.CSSProperties}
    >
      <header className="column-head">
        <span className="column-index" aria-hidden="true">
          {n}
        </span>
        <ModelPicker
          label={`Model for column ${n}`}
          value={s.config.model}
          disabled={s.running}
          onSelect={(model, endpointId) => s.setColumnModel(columnId, model, endpointId)}
        />
        <button
          type="button"
          className={`btn icon${overrideCount > 0 ? ' on' : ''}`}
          aria-label={`Parameters for column ${n}`}
          aria-expanded={showParams}
          title={overrideCount > 0 ? `${overrideCount} parameter override(s)` : 'Override parameters for this column'}
          onClick={() => setShowParams((v) => !v)}
        >
          ⚙{overrideCount > 0 && <sup>{overrideCount}</sup>}
        </button>
        {active ? (
          <button
            type="button"
            className="btn small"
            data-testid="stop-column"
            aria-label={`Stop column ${n}`}
            onClick={() => void s.stopColumn(columnId)}
          >
            ■ Stop
          </button>
        ) : (
          <button
            type="button"
            className="btn icon"
            aria-label={`Remove column ${n}`}
            title="Remove column"
            disabled={!s.canRemove || s.running}
            onClick={() => s.removeColumn(columnId)}
          >
            ×
          </button>
        )}
      </header>
      {showParams && (
        <div className="column-params">
          <ParamsFields
            scope={`Column ${n}`}
            value={s.config.overrides}
            inherited={s.shared}
            onChange={(p) => s.setColumnOverrides(columnId, p)}
          />
        </div>
      )}
      <div className="column-status">
        {s.status ? (
          <span className={`status-pill ${s.status}`} data-testid="column-status">
            {STATUS_LABEL[s.status]}
          </span>
        ) : (
          <span className="status-pill idle">ready</span>
        )}
        {warm !== null && warm !== undefined && (
          <span className="badge" data-testid="connection-badge" title="Whether this call reused an open connection">
            {warm ? 'warm' : 'cold'}
          </span>
        )}
        {s.skew !== null && s.skew !== undefined && (
          <span
            className="badge mono"
            data-testid="metric-skew"
            data-value={s.skew}
            title="Start skew: how much later this column's call started than the first column's"
          >
            skew +{fmtMs(s.skew)}
          </span>
        )}
        {s.iterations > 1 && s.iteration !== undefined && (
          <span className="badge">
            run {s.iteration + 1}/{s.iterations}
          </span>
        )}
      </div>
      <MetricsGrid columnId={columnId} />
      <GapStrip columnId={columnId} />
      <ReasoningPanel columnId={columnId} />
      <ColumnOutput columnId={columnId} />
      {s.error && s.status === 'failed' && <ColumnErrorView error={s.error} />}
      {s.status === 'stopped' && <div className="column-stopped">Stopped: what arrived is kept.</div>}
    </article>
  )
})
