import { memo, useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { modelLabel } from '../../../../main/common/model-ref'
import { fmtMs } from '../../shared/format'
import { isActive, type LaneStatus } from '../../shared/lane'
import { useAppStore } from '../../store'
import { GapStrip } from '../metrics/GapStrip'
import { MetricsGrid } from '../metrics/MetricsGrid'
import { ModelPicker } from '../model-picker/ModelPicker'
import { ParamsFields } from '../prompt/ParamsFields'
import { SloBadge } from '../slo/SloBadge'
import { ColumnErrorView } from './ColumnErrorView'
import { ColumnOutput } from './ColumnOutput'
import { HostsButton } from './HostsButton'
import { ReasoningPanel } from './ReasoningPanel'
import { StallBadge } from './StallBadge'

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
      const config = s.columns.find((c) => c.columnId === columnId)
      return {
        config,
        endpointName: config?.endpointId
          ? s.settings?.endpoints.find((e) => e.id === config.endpointId)?.name
          : undefined,
        shared: s.params,
        canRemove: s.columns.length > 1,
        running: s.runStatus === 'starting' || s.runStatus === 'running',
        runDone: s.runStatus === 'done',
        iterations: s.iterations,
        status: lane?.status,
        iteration: lane?.iteration,
        warm: lane?.warm,
        reused: lane?.timing?.reused_connection,
        skew: lane?.startSkewMs,
        error: lane?.error,
        laneModel: lane?.model,
        laneEndpointId: lane?.endpointId,
        fieldErrors: Object.keys(s.fieldErrors).filter((k) => k.startsWith(`${columnId}:`)).length,
        focusTarget: s.focusTarget,
        setColumnModel: s.setColumnModel,
        setColumnOverrides: s.setColumnOverrides,
        removeColumn: s.removeColumn,
        stopColumn: s.stopColumn,
        retryColumn: s.retryColumn,
      }
    }),
  )
  const [showParams, setShowParams] = useState(false)
  const paramsButton = useRef<HTMLButtonElement>(null)
  // A refused run points at an invalid override of this column: open its panel so the field can take focus.
  useEffect(() => {
    if (s.focusTarget?.startsWith(`param-${columnId}-`)) setShowParams(true)
  }, [s.focusTarget, columnId])
  if (!s.config) return null
  const n = index + 1
  const overrideCount = Object.keys(s.config.overrides).length
  const active = s.status !== undefined && isActive(s.status)
  // At the start, only whether main pre-warmed the connection is known; once the call
  // ended, the engine's record says whether it really reused one (what Run ×N counts).
  const warm = s.reused ?? s.warm
  const label = s.config.model ? modelLabel({ ...s.config, endpointName: s.endpointName }) : ''
  const closeParams = () => {
    setShowParams(false)
    paramsButton.current?.focus()
  }
  return (
    <article
      className={`column status-${s.status ?? 'idle'}`}
      data-testid={`column-${index}`}
      data-status={s.status ?? 'idle'}
      aria-label={`Column ${n}: ${label || 'no model'}`}
      style={{ '--series': `var(--s${n})` } as React.CSSProperties}
    >
      <h3 className="visually-hidden">
        Column {n}: {label || 'no model'}
      </h3>
      <header className="column-head">
        <span className="column-index" aria-hidden="true">
          {n}
        </span>
        <ModelPicker
          label={`Model for column ${n}`}
          value={label}
          modelId={s.config.model}
          endpointId={s.config.endpointId}
          disabled={s.running}
          onSelect={(model, endpointId) => s.setColumnModel(columnId, model, endpointId)}
        />
        <button
          ref={paramsButton}
          type="button"
          className={`btn icon${overrideCount > 0 ? ' on' : ''}${s.fieldErrors > 0 ? ' invalid' : ''}`}
          aria-label={`Parameters for column ${n}${s.fieldErrors > 0 ? ' (has an invalid value)' : ''}`}
          aria-expanded={showParams}
          title={
            s.fieldErrors > 0
              ? 'An override is invalid: the run is blocked until it is fixed'
              : overrideCount > 0
                ? `${overrideCount} parameter override(s)`
                : 'Override parameters for this column'
          }
          onClick={() => setShowParams((v) => !v)}
        >
          ⚙{(overrideCount > 0 || s.fieldErrors > 0) && <sup>{s.fieldErrors > 0 ? '!' : overrideCount}</sup>}
        </button>
        {active ? (
          <button
            type="button"
            className="btn small"
            data-testid="stop-column"
            aria-label={`Stop column ${n}`}
            title="Stop this column"
            onClick={() => void s.stopColumn(columnId)}
          >
            ■<span className="wide-only"> Stop</span>
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
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the panel from any of its fields
        <div
          className="column-params"
          data-testid="column-params"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return
            e.stopPropagation()
            closeParams()
          }}
        >
          <ParamsFields
            scope={`Column ${n}`}
            fieldKey={columnId}
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
        {active && <StallBadge columnId={columnId} />}
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
        <SloBadge columnId={columnId} />
        <HostsButton columnId={columnId} disabled={s.running} />
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
      {s.error && s.status === 'failed' && (
        <ColumnErrorView
          error={s.error}
          model={s.laneModel ? { model: s.laneModel, endpointId: s.laneEndpointId } : undefined}
          onRetry={s.runDone ? () => void s.retryColumn(columnId) : undefined}
        />
      )}
      {s.status === 'stopped' && <div className="column-stopped">Stopped: what arrived is kept.</div>}
    </article>
  )
})
