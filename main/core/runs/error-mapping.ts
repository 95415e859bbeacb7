/**
 * Converts whatever a column's engine call threw into the `ColumnError` shown in
 * that column: the engine's class name, status and retryable flag, a message
 * scrubbed of keys, and a hint saying what the user can do.
 */
import type { ColumnError } from '../../common/errors'
import { scrub } from '../scrub'

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

/** A `retry-after` we would show: finite, positive, at most a day (anything else is not advice). */
const MAX_RETRY_AFTER_S = 86_400

export function toColumnError(err: unknown, ctx: ErrorContext): ColumnError {
  const e = (err ?? {}) as {
    name?: unknown
    message?: unknown
    status_code?: unknown
    retryable?: unknown
    retry_after?: unknown
  }
  const name = typeof e.name === 'string' && e.name ? e.name : 'Error'
  const raw = typeof e.message === 'string' && e.message ? e.message : String(err)
  const message = name === 'AbortError' ? STOPPED_MESSAGE : scrub(raw, ctx.secrets)
  const status = typeof e.status_code === 'number' ? e.status_code : null
  const retryAfter =
    typeof e.retry_after === 'number' && Number.isFinite(e.retry_after) && e.retry_after > 0
      ? Math.min(e.retry_after, MAX_RETRY_AFTER_S)
      : undefined
  const out: ColumnError = {
    name,
    message,
    status_code: status,
    retryable: e.retryable === true,
    hint: hintFor(name, status, retryAfter, ctx),
  }
  if (retryAfter !== undefined) out.retry_after_s = retryAfter
  if (ctx.chunksBefore !== undefined && ctx.chunksBefore > 0) out.chunks_before = ctx.chunksBefore
  return out
}

function hintFor(
  name: string,
  status: number | null,
  retryAfter: number | undefined,
  ctx: ErrorContext,
): string | null {
  const p = ctx.providerLabel
  const arrived = ctx.chunksBefore ?? 0
  switch (name) {
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
