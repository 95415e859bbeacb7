import { useShallow } from 'zustand/react/shallow'
import type { ExportFormat, HistoryColumn, HistoryRun } from '../../../../main/common/api'
import { modelLabel } from '../../../../main/common/model-ref'
import { fmtDate } from '../../shared/format'
import { finalMetrics } from '../../shared/live-metrics'
import { useAppStore } from '../../store'
import { ColumnErrorView } from '../columns/ColumnErrorView'
import { MarkdownView } from '../columns/MarkdownView'
import { MetricsCells } from '../metrics/MetricsGrid'
import { PhaseBars } from '../metrics/PhaseBars'
import { RaceChart } from '../metrics/RaceChart'
import { raceInputFromTiming } from '../metrics/race-series'
import { RepeatSummary } from '../repeat/RepeatResults'
import { copyText, downloadText } from './download'
import '../columns/columns.css'
import '../metrics/metrics.css'

/** The last iteration of each column: what the playground showed when the run ended. */
export function lastIterations(run: HistoryRun): HistoryColumn[] {
  const byColumn = new Map<string, HistoryColumn>()
  for (const c of run.columns) {
    const seen = byColumn.get(c.columnId)
    if (!seen || c.iteration >= seen.iteration) byColumn.set(c.columnId, c)
  }
  const order = run.request.columns.map((c) => c.columnId)
  return [...byColumn.values()].sort((a, b) => order.indexOf(a.columnId) - order.indexOf(b.columnId))
}

/** File extension and type of each export (`html`: the CLI's self-contained report). */
const EXPORT_FILES: Record<ExportFormat, { ext: string; mime: string }> = {
  json: { ext: 'json', mime: 'application/json' },
  csv: { ext: 'csv', mime: 'text/csv' },
  html: { ext: 'html', mime: 'text/html' },
  markdown: { ext: 'md', mime: 'text/markdown' },
}

export function HistoryRunView() {
  const s = useAppStore(
    useShallow((s) => ({
      run: s.openRun,
      rerun: s.rerun,
      remove: s.deleteHistoryRun,
      notify: s.notify,
      running: s.runStatus === 'running' || s.runStatus === 'starting',
    })),
  )
  const api = useAppStore.getState
  if (!s.run) return null
  const run = s.run
  const columns = lastIterations(run)
  const colorOf = (id: string) =>
    Math.max(
      0,
      run.request.columns.findIndex((c) => c.columnId === id),
    ) + 1

  /** The model as the run named it: a custom endpoint's model carries the endpoint's name. */
  const labelOf = (c: HistoryColumn) => {
    const spec = run.request.columns.find((x) => x.columnId === c.columnId)
    return spec ? modelLabel(spec) : c.model
  }

  const exportAs = async (format: ExportFormat) => {
    try {
      const text = await api().exportRunText(run.runId, format)
      const { ext, mime } = EXPORT_FILES[format]
      downloadText(`edgequake-${run.runId}.${ext}`, text, mime)
    } catch (err) {
      s.notify(`Export failed: ${err instanceof Error ? err.message : String(err)}`, 'error')
    }
  }
  const copySnippet = async (columnId: string) => {
    try {
      await copyText(await api().snippetText(run.runId, columnId))
      s.notify('Snippet copied: JavaScript with @edgequake/llm.')
    } catch (err) {
      s.notify(`Copy failed: ${err instanceof Error ? err.message : String(err)}`, 'error')
    }
  }

  return (
    <div className="run-view" data-testid="history-run" data-run-id={run.runId}>
      <header className="run-view-head">
        <div className="run-view-title">
          <h2>{run.prompt || '(empty prompt)'}</h2>
          <div className="history-meta">
            <span>{fmtDate(run.createdAt)}</span>
            <span className="mono">{run.runId}</span>
            {run.iterations > 1 && <span>×{run.iterations}</span>}
            <span className="badge">{run.status}</span>
          </div>
        </div>
        <div className="run-view-actions">
          <button
            type="button"
            className="btn primary"
            data-testid="rerun"
            disabled={s.running}
            onClick={() => void s.rerun(run)}
          >
            ↻ Re-run
          </button>
          <button type="button" className="btn" data-testid="export-json" onClick={() => void exportAs('json')}>
            Export JSON
          </button>
          <button type="button" className="btn" data-testid="export-csv" onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button
            type="button"
            className="btn"
            data-testid="export-html"
            title="The self-contained report the CLI writes: race chart, distributions, phases, SLO table"
            onClick={() => void exportAs('html')}
          >
            HTML report
          </button>
          <button
            type="button"
            className="btn danger"
            data-testid="delete-run"
            onClick={() => {
              if (window.confirm('Delete this run from history?')) void s.remove(run.runId)
            }}
          >
            Delete
          </button>
        </div>
      </header>
      <details className="run-view-request">
        <summary>Prompt and parameters</summary>
        {run.request.system && (
          <p>
            <strong>System:</strong> {run.request.system}
          </p>
        )}
        {run.request.messages.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a saved conversation never changes
          <p key={i}>
            <strong>{m.role}:</strong> {m.content}
          </p>
        ))}
        <pre className="mono">{JSON.stringify(run.request.params)}</pre>
      </details>
      <div className="run-view-columns">
        {columns.map((c) => (
          <article
            key={c.columnId}
            className="column history-column"
            style={{ '--series': `var(--s${colorOf(c.columnId)})` } as React.CSSProperties}
          >
            <header className="column-head">
              <span className="column-index">{colorOf(c.columnId)}</span>
              <span className="mono history-column-model" title={labelOf(c)}>
                {labelOf(c)}
              </span>
              <button
                type="button"
                className="btn small"
                data-testid="copy-snippet"
                aria-label={`Copy a code snippet for ${labelOf(c)}`}
                onClick={() => void copySnippet(c.columnId)}
              >
                Copy snippet
              </button>
            </header>
            <MetricsCells m={c.timing ? finalMetrics(c.timing, c.costUsd, null) : null} best={() => false} />
            {c.reasoning && (
              <details className="reasoning">
                <summary className="reasoning-toggle">Reasoning</summary>
                <pre className="reasoning-text">{c.reasoning}</pre>
              </details>
            )}
            <div className="column-output" data-testid="column-output">
              <MarkdownView text={c.output} resetKey={`${run.runId}:${c.columnId}`} />
            </div>
            {c.error && c.error.name !== 'AbortError' && (
              <ColumnErrorView error={c.error} model={run.request.columns.find((x) => x.columnId === c.columnId)} />
            )}
            {c.error?.name === 'AbortError' && <div className="column-stopped">Stopped: what arrived is kept.</div>}
          </article>
        ))}
      </div>
      <div className="compare-body history-compare">
        <div className="compare-card race">
          <div className="panel-title">Race: cumulative tokens over time</div>
          <RaceChart
            version={0}
            series={columns.flatMap((c) =>
              c.timing
                ? [{ label: labelOf(c), colorIndex: colorOf(c.columnId), input: raceInputFromTiming(c.timing) }]
                : [],
            )}
          />
        </div>
        <div className="compare-card phases">
          <div className="panel-title">Time to first token, by phase</div>
          <PhaseBars
            rows={columns.map((c) => ({ label: labelOf(c), colorIndex: colorOf(c.columnId), timing: c.timing }))}
          />
        </div>
        {run.iterations > 1 && run.stats.length > 0 && <RepeatSummary stats={run.stats} colorOf={colorOf} />}
      </div>
    </div>
  )
}
