import type { ColumnStats } from '../../../../main/common/api'
import { confidenceRows, ttftComparisons } from './confidence-rows'

/**
 * How far to trust a Run ×N, per model: the TTFT mean with its 95% interval, the
 * coefficient of variation graded as AIPerf grades it, TTFA and token ITL, cold and warm
 * prompt-cache runs apart, goodput against the SLO, and a "faster" badge where the
 * Mann–Whitney U test says one column's TTFT is lower than another's.
 */
export function ConfidenceTable({ stats }: { stats: ColumnStats[] }) {
  const rows = confidenceRows(stats)
  const tooFew = ttftComparisons(stats).find((c) => c.verdict.reason)
  return (
    <div className="stats-scroll">
      <table className="stats-table confidence-table" data-testid="confidence-table">
        <thead>
          <tr>
            <th>Model</th>
            <th title="Mean time to first token ± the half-width of its 95% confidence interval (Student's t)">
              TTFT mean ± 95% CI
            </th>
            <th title="Coefficient of variation (sd / mean): < 5% excellent, > 20% unstable (AIPerf)">CV</th>
            <th title="Time to first answer token (content or tool call), p50">TTFA p50</th>
            <th title="Reasoning before the answer (TTFA − TTFT), p50">Thinking</th>
            <th title="Each run's 95th percentile of token inter-token latency, p50 across runs">ITL p95</th>
            <th title="Time per output token: (end − first token) / (tokens − 1), p50">TPOT</th>
            <th title="TTFT p50 of runs with a nonce before the prompt (no prompt cache can answer)">Cold cache</th>
            <th title="TTFT p50 of runs repeating a prompt already sent">Warm cache</th>
            <th title="Share of runs within every SLO limit">Goodput</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.columnId} data-column-id={r.columnId}>
              <td className="mono model-cell">{r.model}</td>
              <td className="num">{r.ttftMean}</td>
              <td className="num">
                {r.cv}
                {r.grade && (
                  <span className={`badge cv-${r.grade}`} data-testid="cv-grade">
                    {r.grade}
                  </span>
                )}
              </td>
              <td className="num">{r.ttfa}</td>
              <td className="num">{r.thinking}</td>
              <td className="num">{r.itlP95}</td>
              <td className="num">{r.tpot}</td>
              <td className="num">{r.cacheCold}</td>
              <td className="num">{r.cacheWarm}</td>
              <td className={`num${r.goodputOk === false ? ' slo-miss' : ''}`} data-testid="goodput">
                {r.goodput}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.some((r) => r.fasterThan.length > 0) && (
        <p className="faster-list">
          {rows.flatMap((r) =>
            r.fasterThan.map((f) => (
              <span
                key={`${r.columnId}>${f.model}`}
                className="badge faster"
                data-testid="faster-badge"
                data-column-id={r.columnId}
                title={`Mann–Whitney U, two-sided: p = ${f.p.toFixed(3)}`}
              >
                ★ {r.model} is faster than {f.model} on TTFT (p = {f.p.toFixed(3)})
              </span>
            )),
          )}
        </p>
      )}
      <p className="stats-note" data-testid="significance-note">
        “Faster”: TTFT lower by the Mann–Whitney U rank test (two-sided, α = 0.05).
        {tooFew ? ` ${tooFew.verdict.reason}: no verdict yet.` : ''} Intervals need 2 runs; CV &lt; 5% excellent, &gt;
        20% unstable.
      </p>
    </div>
  )
}
