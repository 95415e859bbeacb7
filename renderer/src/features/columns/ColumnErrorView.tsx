import type { ColumnError } from '../../../../main/common/errors'
import { type ModelRef, providerOfModel } from '../../../../main/common/model-ref'
import { useAppStore } from '../../store'

const KEY_ERRORS = new Set(['AuthenticationError', 'PermissionDeniedError'])

/** Where a key error's "Open Settings" lands: the provider's key field, or the custom endpoints. */
export function keyFieldFor(ref: ModelRef | undefined): string | null {
  if (!ref) return null
  if (ref.endpointId !== undefined) return 'settings-endpoints'
  const provider = providerOfModel(ref.model)
  return provider ? `key-${provider}` : null
}

/**
 * The failing column's own error: what went wrong, the HTTP status, what to do,
 * how long the provider asked to wait, and (live) a retry of this column alone.
 * The message is shown whole, scrolling inside the box rather than clipped.
 */
export function ColumnErrorView({
  error,
  model,
  onRetry,
}: {
  error: ColumnError
  /** The column's model, to lead "Open Settings" to its key. */
  model?: ModelRef
  onRetry?: () => void
}) {
  const openSettingsAt = useAppStore((s) => s.openSettingsAt)
  const setView = useAppStore((s) => s.setView)
  const keyProblem = KEY_ERRORS.has(error.name) || error.status_code === 401
  const target = keyFieldFor(model)
  return (
    <div className="column-error" role="alert" data-testid="column-error">
      <div className="column-error-head">
        <strong>{error.name}</strong>
        {error.status_code !== null && <span className="badge bad">HTTP {error.status_code}</span>}
        {error.retryable && <span className="badge">retryable</span>}
        {error.retry_after_s !== undefined && (
          <span className="badge" data-testid="retry-after">
            retry after {Math.ceil(error.retry_after_s)} s
          </span>
        )}
      </div>
      <p className="column-error-message" data-testid="column-error-message">
        {error.message}
      </p>
      {error.hint && (
        <p className="column-error-hint" data-testid="column-error-hint">
          {error.hint}
        </p>
      )}
      <div className="column-error-actions">
        {onRetry && (
          <button type="button" className="btn small" data-testid="retry-column" onClick={onRetry}>
            ↻ Retry this column
          </button>
        )}
        {keyProblem && (
          <button
            type="button"
            className="btn small"
            data-testid="open-settings"
            onClick={() => (target ? openSettingsAt(target) : setView('settings'))}
          >
            Open Settings
          </button>
        )}
      </div>
    </div>
  )
}
