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
  /** Key values to remove from the message. */
  secrets: readonly string[]
}

export const STOPPED_MESSAGE = 'Stopped: the output that arrived is kept'

export function toColumnError(err: unknown, ctx: ErrorContext): ColumnError {
  const e = (err ?? {}) as { name?: unknown; message?: unknown; status_code?: unknown; retryable?: unknown }
  const name = typeof e.name === 'string' && e.name ? e.name : 'Error'
  const raw = typeof e.message === 'string' && e.message ? e.message : String(err)
  const message = name === 'AbortError' ? STOPPED_MESSAGE : scrub(raw, ctx.secrets)
  return {
    name,
    message,
    status_code: typeof e.status_code === 'number' ? e.status_code : null,
    retryable: e.retryable === true,
    hint: hintFor(name, ctx),
  }
}

function hintFor(name: string, ctx: ErrorContext): string | null {
  const p = ctx.providerLabel
  switch (name) {
    case 'AuthenticationError':
      return ctx.endpoint ? `Check the key of the "${p}" endpoint in Settings` : `Set the ${p} key in Settings`
    case 'PermissionDeniedError':
      return `Your ${p} key may not use this model: check the key's permissions in Settings, or pick another model`
    case 'RateLimitError':
      return `Rate limited by ${p}: retry later, or run fewer columns or iterations at once`
    case 'APIConnectionError':
      return ctx.local
        ? `Could not connect: is ${p} running? Check its base URL`
        : `Could not connect to ${p}: check the base URL and your network`
    case 'Timeout':
      return `${p} did not answer in time: retry later`
    case 'NotFoundError':
      return `${p} does not know this model, or the base URL is wrong: check the model id`
    case 'ContextWindowExceededError':
      return 'The conversation is too long for this model: shorten it or lower max tokens'
    case 'ContentPolicyViolationError':
      return `${p} refused the prompt under its content policy`
    case 'BadRequestError':
    case 'UnprocessableEntityError':
      return `${p} rejected the request: check this column's parameters`
    case 'APIError':
      return `${p} sent something that is not a valid answer (see the message): check the base URL, or a proxy in front of it`
    case 'InternalServerError':
    case 'ServiceUnavailableError':
      return `${p} had a server-side error: retry later`
    default:
      return null
  }
}
