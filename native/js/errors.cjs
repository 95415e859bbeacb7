'use strict'
// LiteLLM's exception classes, rebuilt from the typed error the native core sends
// (see native/napi/src/errors.rs). Each carries status_code, llm_provider, model
// and retryable; names are stable so callers can switch on `err.name`.

/** Kept in sync with MARKER in native/napi/src/errors.rs. */
const NATIVE_ERROR_MARKER = 'EQLLM_ERROR:'

class EdgeQuakeLLMError extends Error {
  constructor(message, info = {}) {
    super(message)
    this.name = new.target.name
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
