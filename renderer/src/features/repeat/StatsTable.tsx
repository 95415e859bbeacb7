import type { ColumnStats } from '../../../../main/common/api'
import { MIN_SAMPLES, smallestSample, statsRows, TOO_FEW } from './stats-rows'

/** p50 / p90 / p99 per model over a Run ×N, cold and warm starts apart. */
export function StatsTable({ stats }: { stats: ColumnStats[] }) {
  const rows = statsRows(stats)
  const n = smallestSample(stats)
  return (
    <div className="stats-scroll">
      <table className="stats-table" data-testid="stats-table">
        <thead>
          <tr>
            <th rowSpan={2}>Model</th>
            <th rowSpan={2}>Runs</th>
            <th colSpan={3}>TTFT</th>
            <th colSpan={3}>Decode tok/s</th>
            <th colSpan={3}>Total</th>
            <th colSpan={2}>TTFT p50 by connection</th>
          </tr>
          <tr>
            {['TTFT', 'Decode', 'Total'].flatMap((g) =>
              ['p50', 'p90', 'p99'].map((p) => (
                <th key={`${g}-${p}`} className="sub">
                  {p}
                </th>
              )),
            )}
            <th className="sub">cold</th>
            <th className="sub">warm</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.columnId} data-column-id={r.columnId}>
              <td className="mono model-cell">{r.model}</td>
              <td className="num">{r.runs}</td>
              {[...r.ttft, ...r.decode, ...r.total].map((v, i) => (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: fixed column positions
                  key={i}
                  className={`num${i % 3 === 0 ? ' p50' : ''}${v === TOO_FEW ? ' too-few' : ''}`}
                  title={v === TOO_FEW ? 'Too few runs for this percentile: see the note under the table' : undefined}
                >
                  {v}
                </td>
              ))}
              <td className="num">{r.cold}</td>
              <td className="num">{r.warm}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {n !== null && (
        <p className="stats-note" data-testid="small-sample-note">
          n = {n}: {n < MIN_SAMPLES.p90 ? `p90 needs at least ${MIN_SAMPLES.p90} runs and ` : ''}p99 needs at least{' '}
          {MIN_SAMPLES.p99}; with fewer, they would only repeat the slowest run, so they are shown as {TOO_FEW}.
        </p>
      )}
    </div>
  )
}
