import { fmtCost, fmtInt, fmtMs, fmtRate } from '../../shared/format'
import type { ColumnMetrics, RankedMetric } from '../../shared/live-metrics'
import { useColumnMetrics } from './use-column-metrics'
import './metrics.css'

/** A column's live latency figures; the leader on each metric is marked. */
export function MetricsGrid({ columnId }: { columnId: string }) {
  const { metrics, fastest } = useColumnMetrics()
  const m = metrics[columnId]
  return <MetricsCells m={m ?? null} best={(k) => fastest[k] === columnId} />
}

const ESTIMATE_TITLE =
  'Estimated while streaming: about four characters a token (the provider reports its count at the end)'

export function MetricsCells({ m, best }: { m: ColumnMetrics | null; best: (k: RankedMetric) => boolean }) {
  const live = m !== null && !m.final
  // Token counts and the rates made from them are estimates until the provider counts.
  const est = m?.tokensSource === 'estimate'
  const approx = (text: string) => (est && text !== '—' ? `~${text}` : text)
  const estTag = est ? 'est.' : undefined
  return (
    <>
      <dl className={`metrics${live ? ' live' : ''}`}>
        <Cell
          id="ttft"
          label="TTFT"
          title="Time to first token"
          value={fmtMs(m?.ttftMs)}
          raw={m?.ttftMs}
          best={best('ttftMs')}
        />
        {m?.thinkingMs !== null && m?.thinkingMs !== undefined && (
          <Cell
            id="ttfa"
            label="TTFA"
            title={`Time to first answer token (content or tool call), after ${fmtMs(m.thinkingMs)} of reasoning: TTFT is the first thought`}
            value={fmtMs(m.ttfaMs)}
            raw={m.ttfaMs}
            tag={`think ${fmtMs(m.thinkingMs)}`}
            tagClass="thinking"
          />
        )}
        <Cell
          id="decode-tps"
          label="Decode tok/s"
          title={`${est ? `${ESTIMATE_TITLE}. ` : ''}Tokens per second after the first token: (tokens − 1) / (end − first token)`}
          value={m?.buffered ? 'buffered' : approx(fmtRate(m?.decodeTps))}
          raw={m?.decodeTps}
          best={best('decodeTps')}
          warn={m?.buffered}
          tag={estTag}
        />
        <Cell
          id="e2e-tps"
          label="E2E tok/s"
          title={`${est ? `${ESTIMATE_TITLE}. ` : ''}End-to-end tokens per second: tokens / total time, including TTFT`}
          value={approx(fmtRate(m?.e2eTps))}
          raw={m?.e2eTps}
          best={best('e2eTps')}
          tag={estTag}
        />
        <Cell
          id="total"
          label="Total"
          title="Total time"
          value={fmtMs(m?.totalMs)}
          raw={m?.totalMs}
          best={best('totalMs')}
        />
        <Cell
          id="tokens"
          label="Tokens"
          value={approx(fmtInt(m?.tokens))}
          raw={m?.tokens}
          tag={est ? 'est.' : (m?.tokensSource ?? undefined)}
          tagClass={m?.tokensSource ?? undefined}
          title={est ? ESTIMATE_TITLE : 'Output tokens as reported by the provider'}
        />
        <Cell
          id="cost"
          label="Cost"
          title="From list prices per million tokens (an estimate of the bill)"
          value={fmtCost(m?.costUsd)}
          raw={m?.costUsd}
        />
      </dl>
      {m && <Reconciled m={m} />}
    </>
  )
}

/**
 * Once the provider's count replaced the live estimate, say so when they differ by
 * more than rounding: the figures changed meaning, and the reader saw the old ones.
 */
function Reconciled({ m }: { m: ColumnMetrics }) {
  const live = m.liveEstimate
  if (!m.final || m.tokensSource !== 'provider' || !live || m.tokens === null) return null
  if (Math.abs(live.tokens - m.tokens) <= Math.max(1, 0.02 * m.tokens)) return null
  const rate =
    live.decodeTps !== null && m.decodeTps !== null
      ? `; decode ~${fmtRate(live.decodeTps)} → ${fmtRate(m.decodeTps)} tok/s`
      : ''
  return (
    <p
      className="metrics-note"
      data-testid="estimate-reconciled"
      data-estimate={live.tokens}
      data-provider={m.tokens}
      title={`While streaming, tokens were estimated at four characters each; the provider's count replaced the estimate at the end${rate}`}
    >
      Estimated ~{fmtInt(live.tokens)} → {fmtInt(m.tokens)} tokens (provider count)
    </p>
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
  tagClass?: string | undefined
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
      <dd
        data-testid={`metric-${props.id}`}
        data-value={props.raw ?? ''}
        data-estimate={props.tag === 'est.' ? '' : undefined}
      >
        {props.value}
        {props.tag && (
          <>
            {' '}
            <span className={`metric-tag ${props.tagClass ?? (props.tag === 'est.' ? 'estimate' : props.tag)}`}>
              {props.tag}
            </span>
          </>
        )}
      </dd>
    </div>
  )
}
