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
        <h2 className="panel-title">
          <label htmlFor="system-prompt">System prompt</label>
        </h2>
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
        <h2 className="panel-title">Conversation</h2>
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
        <h2 className="panel-title">
          Parameters <span className="badge">shared by all columns</span>
        </h2>
        <ParamsFields scope="Shared" fieldKey="shared" value={params} onChange={setParams} />
      </section>
    </div>
  )
}
