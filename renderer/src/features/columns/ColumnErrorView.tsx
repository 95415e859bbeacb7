import type { ColumnError } from '../../../../main/common/errors'
import { useAppStore } from '../../store'

const KEY_ERRORS = new Set(['AuthenticationError', 'PermissionDeniedError'])

/** The failing column's own error: what went wrong, the HTTP status, and what to do. */
export function ColumnErrorView({ error }: { error: ColumnError }) {
  const setView = useAppStore((s) => s.setView)
  const keyProblem = KEY_ERRORS.has(error.name) || error.status_code === 401
  return (
    <div className="column-error" role="alert" data-testid="column-error">
      <div className="column-error-head">
        <strong>{error.name}</strong>
        {error.status_code !== null && <span className="badge bad">HTTP {error.status_code}</span>}
        {error.retryable && <span className="badge">retryable</span>}
      </div>
      <p className="column-error-message">{error.message}</p>
      {error.hint && <p className="column-error-hint">{error.hint}</p>}
      {keyProblem && (
        <button type="button" className="btn small" data-testid="open-settings" onClick={() => setView('settings')}>
          Open Settings
        </button>
      )}
    </div>
  )
}
