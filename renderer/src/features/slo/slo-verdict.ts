import { evaluateSlo, hasSlo, SLO_METRICS, type Slo, type SloVerdict } from '../../../../main/common/slo'
import { fmtMs } from '../../shared/format'
import type { Lane } from '../../shared/lane'
import type { StreamBuffer } from '../../shared/stream-buffer'
import { bufferMeasures } from '../../shared/token-arrivals'

/** The column's verdict once its call ended (a failure is outside); null while running or without an SLO. */
export function laneVerdict(lane: Lane | undefined, buf: StreamBuffer | undefined, slo: Slo): SloVerdict | null {
  if (!lane || !hasSlo(slo)) return null
  if (lane.status === 'failed') return evaluateSlo(null, slo)
  if (lane.status !== 'done' || !lane.timing || !buf) return null
  return evaluateSlo(bufferMeasures(buf, lane.timing, lane.usage).m, slo)
}

/** "TTFT 912 ms > 800 ms; TTFA not measured", or "within every limit". */
export function describeVerdict(v: SloVerdict): string {
  if (v.failed) return 'the call failed: outside the SLO'
  if (v.within) return 'within every limit'
  const label = new Map(SLO_METRICS.map((m) => [m.key, m.label]))
  return v.checks
    .filter((c) => !c.ok)
    .map((c) =>
      c.valueMs === null
        ? `${label.get(c.metric)} not measured`
        : `${label.get(c.metric)} ${fmtMs(c.valueMs)} > ${fmtMs(c.limitMs)}`,
    )
    .join('; ')
}
