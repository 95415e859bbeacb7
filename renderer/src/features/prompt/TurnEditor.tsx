import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'

export function TurnEditor({ id, index, removable }: { id: string; index: number; removable: boolean }) {
  const { turn, updateTurn, removeTurn } = useAppStore(
    useShallow((s) => ({ turn: s.turns.find((t) => t.id === id), updateTurn: s.updateTurn, removeTurn: s.removeTurn })),
  )
  if (!turn) return null
  const n = index + 1
  return (
    <li className={`turn ${turn.role}`}>
      <div className="turn-head">
        <select
          className="turn-role"
          aria-label={`Role of message ${n}`}
          value={turn.role}
          onChange={(e) => updateTurn(id, { role: e.target.value as 'user' | 'assistant' })}
        >
          <option value="user">User</option>
          <option value="assistant">Assistant</option>
        </select>
        {removable && (
          <button
            type="button"
            className="btn icon"
            aria-label={`Remove message ${n}`}
            title="Remove"
            onClick={() => removeTurn(id)}
          >
            ×
          </button>
        )}
      </div>
      <textarea
        className="textarea"
        data-testid="prompt-input"
        aria-label={`Message ${n} (${turn.role})`}
        rows={turn.role === 'user' ? 5 : 3}
        placeholder={turn.role === 'user' ? 'Ask something…' : 'What the assistant said'}
        value={turn.content}
        onChange={(e) => updateTurn(id, { content: e.target.value })}
      />
    </li>
  )
}
