import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { ParamsFields } from './ParamsFields'
import { TurnEditor } from './TurnEditor'
import './prompt.css'

export function PromptPanel() {
  const turnIds = useAppStore(useShallow((s) => s.turns.map((t) => t.id)))
  const { system, setSystem, addTurn, params, setParams } = useAppStore(
    useShallow((s) => ({
      system: s.system,
      setSystem: s.setSystem,
      addTurn: s.addTurn,
      params: s.params,
      setParams: s.setParams,
    })),
  )
  return (
    <div className="prompt-panel">
      <section className="prompt-section">
        <label className="panel-title" htmlFor="system-prompt">
          System prompt
        </label>
        <textarea
          id="system-prompt"
          data-testid="system-prompt"
          className="textarea"
          rows={3}
          placeholder="Optional instructions for every column"
          value={system}
          onChange={(e) => setSystem(e.target.value)}
        />
      </section>
      <section className="prompt-section">
        <div className="panel-title">Conversation</div>
        <ol className="turns">
          {turnIds.map((id, i) => (
            <TurnEditor key={id} id={id} index={i} removable={turnIds.length > 1} />
          ))}
        </ol>
        <button type="button" className="btn small" data-testid="add-turn" onClick={addTurn}>
          + Add turn
        </button>
      </section>
      <section className="prompt-section">
        <div className="panel-title">
          Parameters <span className="badge">shared by all columns</span>
        </div>
        <ParamsFields scope="Shared" value={params} onChange={setParams} />
      </section>
    </div>
  )
}
