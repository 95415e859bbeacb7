import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { RepeatResults } from '../repeat/RepeatResults'
import { PhaseBars, type PhaseRow } from './PhaseBars'
import { RaceChart, type RaceSeries } from './RaceChart'
import { raceInputFromBuffer } from './race-series'

/** The dock under the columns: the race chart, the network phases, Run ×N results. */
export function ComparePanel() {
  const [open, setOpen] = useState(true)
  const { frame, lanes, columns } = useAppStore(
    useShallow((s) => ({ frame: s.frame, lanes: s.lanes, columns: s.columns })),
  )
  const buffers = useAppStore.getState().buffers
  const shown = columns
    .map((c, i) => ({ c, i, lane: lanes[c.columnId], buf: buffers[c.columnId] }))
    .filter((x) => x.lane !== undefined)
  const series: RaceSeries[] = shown.flatMap(({ lane, buf, i }) =>
    lane && buf
      ? [{ label: `${i + 1} ${lane.label}`, colorIndex: i + 1, input: raceInputFromBuffer(buf, lane.timing) }]
      : [],
  )
  const phases: PhaseRow[] = shown.map(({ lane, i }) => ({
    label: `${i + 1} ${lane!.label}`,
    colorIndex: i + 1,
    timing: lane!.timing,
  }))
  return (
    <section className={`compare${open ? ' open' : ''}`} aria-label="Compare">
      <button type="button" className="compare-head" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        <span className="caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        Compare
        <span className="muted">race · network phases · Run ×N</span>
      </button>
      {open && (
        <div className="compare-body">
          <div className="compare-card race">
            <div className="panel-title">Race: cumulative tokens over time</div>
            {series.length > 0 ? (
              <RaceChart series={series} version={frame} />
            ) : (
              <div className="compare-empty">Press Run: every column races on one time axis.</div>
            )}
          </div>
          <div className="compare-card phases">
            <div className="panel-title">Time to first token, by phase</div>
            <PhaseBars rows={phases} />
          </div>
          <RepeatResults />
        </div>
      )}
    </section>
  )
}
