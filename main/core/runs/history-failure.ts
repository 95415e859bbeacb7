/**
 * A history write that failed, as the error its column ends with: the
 * column is stopped, and says what was not saved, where and why, so that the
 * screen never shows what history does not hold.
 */
import type { ColumnError } from '../../common/errors'
import { scrub } from '../settings/scrub'
import { StorageError } from '../storage/storage-error'

export const HISTORY_WRITE_ERROR = 'HistoryWriteError'

/** `consequence` ends the message, e.g. "The column was stopped…". */
export function historyWriteError(err: unknown, consequence: string, secrets: readonly string[]): ColumnError {
  const known = err instanceof StorageError ? err : null
  const message = known
    ? known.message
    : `History could not be saved: ${scrub((err as Error)?.message ?? String(err), secrets)}.`
  return {
    name: HISTORY_WRITE_ERROR,
    message: `${message} ${consequence}`,
    status_code: null,
    retryable: true,
    hint: known?.hint ?? 'Check the disk holding the data directory, then run again.',
  }
}

export const STOPPED_UNSAVED =
  'The column was stopped so that nothing is shown that history does not hold; everything shown is saved.'
