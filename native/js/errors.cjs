'use strict'
// LiteLLM's exception classes, rebuilt from the typed error the native core sends
// (see native/napi/src/errors.rs). Each carries status_code, llm_provider, model,
// retryable, retry_after, hint and detail, all decided by the engine; names are
// stable so callers can switch on `err.name`.

/** Kept in sync with MARKER in native/napi/src/errors.rs. */
const NATIVE_ERROR_MARKER = 'EQLLM_ERROR:'

/**
 * LiteLLM's `err.message`: what went wrong, then the advice in parentheses. The one
 * place the two are joined; `detail` and `hint` stay available apart.
 */
function withHint(detail, hint) {
  return hint ? `${detail} (${hint})` : detail
}

class EdgeQuakeLLMError extends Error {
  /**
   * @param {string} detail what went wrong (the provider's words, or ours), without advice
   * @param {object} [fields] the engine's fields: status_code, llm_provider, model, retryable, retry_after, hint
   */
  constructor(detail, fields) {
    const info = fields ?? {}
    const hint = typeof info.hint === 'string' && info.hint ? info.hint : null
    super(withHint(detail, hint))
    this.name = new.target.name
    /** What went wrong, without the hint. */
    this.detail = detail
    /** What a caller can do about it, in the library's terms (`api_key`, `num_retries`), or null. */
    this.hint = hint
    this.status_code = info.status_code ?? null
    this.llm_provider = info.llm_provider ?? null
    this.model = info.model ?? null
    this.retryable = info.retryable ?? false
    /** Seconds the provider asked to wait before retrying (`retry-after`), or null. */
    this.retry_after = info.retry_after ?? null
  }
}

class BadRequestError extends EdgeQuakeLLMError {}
class ContextWindowExceededError extends BadRequestError {}
class ContentPolicyViolationError extends BadRequestError {}
class AuthenticationError extends EdgeQuakeLLMError {}
class PermissionDeniedError extends EdgeQuakeLLMError {}
class NotFoundError extends EdgeQuakeLLMError {}
class Timeout extends EdgeQuakeLLMError {}
class UnprocessableEntityError extends EdgeQuakeLLMError {}
class RateLimitError extends EdgeQuakeLLMError {}
class InternalServerError extends EdgeQuakeLLMError {}
class ServiceUnavailableError extends EdgeQuakeLLMError {}
class APIConnectionError extends EdgeQuakeLLMError {}
/** The server answered something that is not a valid reply (unparseable, HTML, a redirect, a broken stream protocol). */
class APIError extends EdgeQuakeLLMError {}
/** The caller aborted: AbortSignal, `break` out of `for await`, or `stream.abort()`. */
class AbortError extends EdgeQuakeLLMError {}

const CLASSES = {
  BadRequestError,
  ContextWindowExceededError,
  ContentPolicyViolationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  Timeout,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ServiceUnavailableError,
  APIConnectionError,
  APIError,
  AbortError,
}

/** Turns an error thrown by the native binding into its LiteLLM class. */
function fromNative(err) {
  const message = err && typeof err.message === 'string' ? err.message : ''
  if (!message.startsWith(NATIVE_ERROR_MARKER)) return err
  let info
  try {
    info = JSON.parse(message.slice(NATIVE_ERROR_MARKER.length))
  } catch {
    return new APIConnectionError(message.slice(NATIVE_ERROR_MARKER.length))
  }
  const Class = CLASSES[info.kind] ?? APIConnectionError
  return new Class(info.message, info)
}

module.exports = { EdgeQuakeLLMError, ...CLASSES, fromNative, NATIVE_ERROR_MARKER }
