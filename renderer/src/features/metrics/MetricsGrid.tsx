import { fmtCost, fmtInt, fmtMs, fmtRate } from './format'
import type { ColumnMetrics, RankedMetric } from './live-metrics'
import { useColumnMetrics } from './use-column-metrics'
import './metrics.css'

/** A column's live latency figures; the leader on each metric is marked. */
export function MetricsGrid({ columnId }: { columnId: string }) {
  const { metrics, fastest } = useColumnMetrics()
  const m = metrics[columnId]
  return <MetricsCells m={m ?? null} best={(k) => fastest[k] === columnId} />
}

export function MetricsCells({ m, best }: { m: ColumnMetrics | null; best: (k: RankedMetric) => boolean }) {
  const live = m !== null && !m.final
  return (
    <dl className={`metrics${live ? ' live' : ''}`}>
      <Cell id="ttft" label="TTFT" value={fmtMs(m?.ttftMs)} raw={m?.ttftMs} best={best('ttftMs')} />
      <Cell
        id="decode-tps"
        label="Decode tok/s"
        title="Tokens per second after the first token: (tokens − 1) / (end − first token)"
        value={m?.buffered ? 'buffered' : fmtRate(m?.decodeTps)}
        raw={m?.decodeTps}
        best={best('decodeTps')}
        warn={m?.buffered}
      />
      <Cell
        id="e2e-tps"
        label="E2E tok/s"
        title="End-to-end tokens per second: tokens / total time, including TTFT"
        value={fmtRate(m?.e2eTps)}
        raw={m?.e2eTps}
        best={best('e2eTps')}
      />
      <Cell id="total" label="Total" value={fmtMs(m?.totalMs)} raw={m?.totalMs} best={best('totalMs')} />
      <Cell
        id="tokens"
        label="Tokens"
        value={fmtInt(m?.tokens)}
        raw={m?.tokens}
        tag={m?.tokensSource ?? undefined}
        title={
          m?.tokensSource === 'estimate'
            ? 'Estimated: about four characters a token (the provider reported no usage yet)'
            : 'As reported by the provider'
        }
      />
      <Cell id="cost" label="Cost" value={fmtCost(m?.costUsd)} raw={m?.costUsd} />
    </dl>
  )
}

function Cell(props: {
  id: string
  label: string
  value: string
  raw: number | null | undefined
  best?: boolean
  warn?: boolean | undefined
  tag?: string | undefined
  title?: string
}) {
  return (
    <div className={`metric${props.best ? ' best' : ''}${props.warn ? ' warn' : ''}`} title={props.title}>
      <dt>
        {props.label}
        {props.best && (
          <span className="best-mark" data-testid="best-mark" title="Best of the columns on this metric">
            {' '}
            ★
          </span>
        )}
      </dt>
      <dd data-testid={`metric-${props.id}`} data-value={props.raw ?? ''}>
        {props.value}
        {props.tag && (
          <>
            {' '}
            <span className={`metric-tag ${props.tag}`}>{props.tag}</span>
          </>
        )}
      </dd>
    </div>
  )
}
