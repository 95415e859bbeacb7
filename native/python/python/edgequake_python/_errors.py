"""LiteLLM's exception classes, rebuilt from the typed error the Rust core sends
(``LlmError::to_json`` in ``native/core/src/error.rs``). Every class carries
``status_code``, ``llm_provider``, ``model``, ``retryable``, ``retry_after``, ``hint`` and
``detail``, all decided by the engine; ``message`` is LiteLLM's (the detail, then the
hint in parentheses, joined only in ``_with_hint``); the hierarchy is
LiteLLM's (``ContextWindowExceededError`` and ``ContentPolicyViolationError`` are
``BadRequestError``s), so ``except litellm.X`` code works unchanged.
"""

from __future__ import annotations

import json
from typing import Any, Optional


def _with_hint(detail: str, hint: Optional[str]) -> str:
    """LiteLLM's ``message``: what went wrong, then the advice in parentheses."""
    return f"{detail} ({hint})" if hint else detail


class EdgeQuakeLLMError(Exception):
    """Base of every error this package raises (LiteLLM's classes share no base but
    ``openai.OpenAIError``; this one lets a caller catch them all)."""

    def __init__(
        self,
        message: str,
        status_code: Optional[int] = None,
        llm_provider: Optional[str] = None,
        model: Optional[str] = None,
        retryable: bool = False,
        retry_after: Optional[float] = None,
        hint: Optional[str] = None,
    ) -> None:
        full = _with_hint(message, hint)
        super().__init__(full)
        #: LiteLLM's message: the detail, then the hint in parentheses when there is one.
        self.message = full
        #: What went wrong (the provider's own words, or the engine's), without the hint.
        self.detail = message
        #: What to do about it, in the library's terms (``api_key``, ``num_retries``), or None.
        self.hint = hint or None
        self.status_code = status_code
        self.llm_provider = llm_provider
        self.model = model
        self.retryable = retryable
        #: Seconds the provider asked to wait before retrying (``retry-after`` /
        #: ``retry-after-ms``, sanitized by the engine), or None.
        self.retry_after = retry_after

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> Any:
        args = (
            self.detail,
            self.status_code,
            self.llm_provider,
            self.model,
            self.retryable,
            self.retry_after,
            self.hint,
        )
        return (type(self), args)


class BadRequestError(EdgeQuakeLLMError):
    """HTTP 400, or bad input caught before any request was sent."""


class ContextWindowExceededError(BadRequestError):
    """The prompt does not fit the model's context window."""


class ContentPolicyViolationError(BadRequestError):
    """The provider refused the content."""


class AuthenticationError(EdgeQuakeLLMError):
    """HTTP 401 (or Gemini's 400 for a bad key): the API key is missing or wrong."""


class PermissionDeniedError(EdgeQuakeLLMError):
    """HTTP 403."""


class NotFoundError(EdgeQuakeLLMError):
    """HTTP 404: usually a model name the provider does not know."""


class Timeout(EdgeQuakeLLMError):
    """``timeout``, ``first_byte_timeout`` or ``stream_timeout`` ran out (or HTTP 408)."""


class UnprocessableEntityError(EdgeQuakeLLMError):
    """HTTP 422."""


class RateLimitError(EdgeQuakeLLMError):
    """HTTP 429."""


class InternalServerError(EdgeQuakeLLMError):
    """HTTP 5xx other than 503/529."""


class ServiceUnavailableError(EdgeQuakeLLMError):
    """HTTP 503 or Anthropic's 529 (overloaded)."""


class APIConnectionError(EdgeQuakeLLMError):
    """The connection failed or was cut (refused, reset, a stream ended early)."""


class APIError(EdgeQuakeLLMError):
    """The server answered something that is not a valid reply (unparseable, HTML,
    a redirect, a broken stream protocol); never retried."""


class AbortError(EdgeQuakeLLMError):
    """The caller stopped the call: ``close()``, task cancellation, Ctrl-C."""


def _subclasses(cls: type[EdgeQuakeLLMError]) -> list[type[EdgeQuakeLLMError]]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


# Every class above, by the name the core sends as `kind`.
_CLASSES = {cls.__name__: cls for cls in _subclasses(EdgeQuakeLLMError)}


def from_native(error_json: str) -> EdgeQuakeLLMError:
    """The one conversion of the core's error JSON into its class (called by the binding)."""
    try:
        info = json.loads(error_json)
        cls = _CLASSES.get(info.get("kind"), APIConnectionError)
        return cls(
            info.get("message") or "",
            status_code=info.get("status_code"),
            llm_provider=info.get("llm_provider"),
            model=info.get("model"),
            retryable=bool(info.get("retryable", False)),
            retry_after=info.get("retry_after"),
            hint=info.get("hint"),
        )
    except (ValueError, AttributeError):
        return APIConnectionError(f"unreadable error from the engine: {error_json[:500]}")
