/**
 * Converts whatever a column's engine call threw into the `ColumnError` shown in
 * that column. An engine error brings everything the engine decided — class,
 * status, `retryable`, `retry_after` and the bare `detail` — and is shown as it
 * came, with the app's own hint (naming app controls such as Settings, which the
 * engine cannot know) in place of the engine's library hint. Anything else (a bug
 * of ours, a plain `Error`, a thrown string) is shown as what it is.
 */
import type { ColumnError } from '../../common/errors'
import { type EngineError, isEngineError } from '../engine'
import { scrub } from '../settings/scrub'

export interface ErrorContext {
  /** "OpenAI", or the custom endpoint's name. */
  providerLabel: string
  /** The column went to a custom endpoint (its key lives with the endpoint). */
  endpoint: boolean
  /** A server on this machine (Ollama, LM Studio, vLLM, a local endpoint). */
  local: boolean
  /** The stall timeout the call ran with (Settings), to explain a `Timeout`. */
  streamTimeoutS?: number | null
  /** Key values to remove from the message. */
  secrets: readonly string[]
  /** Token-bearing chunks that arrived before the failure. */
  chunksBefore?: number
}

export const STOPPED_MESSAGE = 'Stopped: the output that arrived is kept'

export function toColumnError(err: unknown, ctx: ErrorContext): ColumnError {
  if (!isEngineError(err)) return notFromEngine(err, ctx)
  const name = err.name
  const message = name === 'AbortError' ? STOPPED_MESSAGE : scrub(err.detail, ctx.secrets)
  // The engine reports a sane wait (finite, at most a day); zero is not advice worth showing.
  const retryAfter = err.retry_after !== null && err.retry_after > 0 ? err.retry_after : undefined
  const out: ColumnError = {
    name,
    message,
    status_code: err.status_code,
    retryable: err.retryable,
    hint: hintFor(err, retryAfter, ctx),
  }
  if (retryAfter !== undefined) out.retry_after_s = retryAfter
  if (ctx.chunksBefore !== undefined && ctx.chunksBefore > 0) out.chunks_before = ctx.chunksBefore
  return out
}

/** Not an engine error: a bug of ours or a library's, shown with its own name and no advice. */
function notFromEngine(err: unknown, ctx: ErrorContext): ColumnError {
  const name = err instanceof Error && err.name ? err.name : 'Error'
  const text = err instanceof Error ? err.message || String(err) : String(err)
  const out: ColumnError = { name, message: scrub(text, ctx.secrets), status_code: null, retryable: false, hint: null }
  if (ctx.chunksBefore !== undefined && ctx.chunksBefore > 0) out.chunks_before = ctx.chunksBefore
  return out
}

function hintFor(err: EngineError, retryAfter: number | undefined, ctx: ErrorContext): string | null {
  const p = ctx.providerLabel
  const arrived = ctx.chunksBefore ?? 0
  const status = err.status_code
  switch (err.name) {
    case 'AuthenticationError':
      return ctx.endpoint ? `Check the key of the "${p}" endpoint in Settings` : `Set the ${p} key in Settings`
    case 'PermissionDeniedError':
      return `Your ${p} key may not use this model: check the key's permissions in Settings, or pick another model`
    case 'RateLimitError':
      return retryAfter !== undefined
        ? `Rate limited by ${p}: it asks to wait ${fmtSeconds(retryAfter)} before retrying`
        : `Rate limited by ${p}: retry later, or run fewer columns or iterations at once`
    case 'APIConnectionError':
      if (arrived > 0) {
        return `The connection to ${p} broke after ${arrived} chunk${arrived === 1 ? '' : 's'} arrived (kept above): retry this column`
      }
      return ctx.local
        ? `Could not connect: is ${p} running? Check its base URL`
        : `Could not connect to ${p}: check the base URL and your network`
    case 'Timeout':
      if (ctx.streamTimeoutS && arrived > 0) {
        return `${p} sent nothing for ${fmtSeconds(ctx.streamTimeoutS)} (the stall timeout in Settings): what arrived is kept; retry this column, or raise the timeout`
      }
      return ctx.streamTimeoutS
        ? `${p} did not answer in time (the stall timeout in Settings is ${fmtSeconds(ctx.streamTimeoutS)}): retry, or raise it`
        : `${p} did not answer in time: retry later`
    case 'NotFoundError':
      return `${p} does not know this model, or the base URL is wrong: check the model id`
    case 'ContextWindowExceededError':
      return 'The conversation is too long for this model: shorten it or lower max tokens'
    case 'ContentPolicyViolationError':
      return `${p} refused the prompt under its content policy`
    case 'BadRequestError':
    case 'UnprocessableEntityError':
      // No status: the engine refused the call itself, before anything was sent.
      return status === null
        ? 'The request was refused before it was sent (see the message): nothing reached the provider'
        : `${p} rejected the request: check this column's parameters`
    case 'APIError':
      return arrived > 0
        ? `${p}'s reply became unusable after ${arrived} chunk${arrived === 1 ? '' : 's'} (kept above; see the message): retry this column`
        : `${p} sent something that is not a valid answer (see the message): check the base URL, or a proxy in front of it`
    case 'InternalServerError':
    case 'ServiceUnavailableError':
      return `${p} had a server-side error: retry later`
    default:
      return null
  }
}

function fmtSeconds(s: number): string {
  return s >= 120 ? `${Math.round(s / 60)} min` : `${Math.round(s * 10) / 10} s`
}
