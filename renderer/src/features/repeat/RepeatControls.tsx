import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { MeasureOptions } from './MeasureOptions'
import { MAX_REPEAT, type RepeatMode } from './repeat-slice'
import './repeat.css'

/** "Run ×N": how many times, one after another or all at once. */
export function RepeatControls({ disabled }: { disabled: boolean }) {
  const s = useAppStore(
    useShallow((s) => ({
      count: s.repeatCount,
      mode: s.repeatMode,
      setRepeat: s.setRepeat,
      runRepeat: s.runRepeat,
    })),
  )
  return (
    <div className="repeat-controls">
      <button
        type="button"
        className="btn"
        data-testid="run-repeat"
        disabled={disabled}
        onClick={() => void s.runRepeat()}
      >
        ↻ Run ×{s.count}
      </button>
      <input
        className="input mono repeat-count"
        type="number"
        min={1}
        max={MAX_REPEAT}
        data-testid="repeat-count"
        aria-label="Repeat count"
        value={s.count}
        disabled={disabled}
        onChange={(e) => s.setRepeat({ repeatCount: e.target.valueAsNumber })}
      />
      <select
        className="select repeat-mode"
        aria-label="Repeat mode"
        data-testid="repeat-mode"
        value={s.mode}
        disabled={disabled}
        onChange={(e) => s.setRepeat({ repeatMode: e.target.value as RepeatMode })}
      >
        <option value="sequential">one after another</option>
        <option value="concurrent">all at once</option>
      </select>
      <MeasureOptions disabled={disabled} />
    </div>
  )
}
