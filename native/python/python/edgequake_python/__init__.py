"""edgequake-python: a Rust-powered drop-in for LiteLLM's completion API.

    import edgequake_python as litellm
    r = litellm.completion(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
    print(r.choices[0].message.content)

The engine is the Rust core shared with the ``@edgequake/llm`` Node package:
streams are yielded as their bytes arrive, waits release the GIL, and asyncio is
woken by the engine rather than polling it.
"""

from ._api import (
    REDACTED,
    acompletion,
    alist_models,
    awarm,
    completion,
    completion_cost,
    cost_per_token,
    count_tokens,
    embedding,
    list_models,
    param_ranges,
    price_table,
    providers,
    redact,
    stream_chunk_builder,
    token_counter,
    warm,
)
from ._eq_core import __version__
from ._errors import (
    AbortError,
    APIConnectionError,
    APIError,
    AuthenticationError,
    BadRequestError,
    ContentPolicyViolationError,
    ContextWindowExceededError,
    EdgeQuakeLLMError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
    Timeout,
    UnprocessableEntityError,
)
from ._fork import ForkedProcessError
from ._records import ModelResponse, ModelResponseStream, Record
from ._stream import AsyncCompletionStream, CompletionStream

__all__ = [
    "__version__",
    "completion",
    "acompletion",
    "stream_chunk_builder",
    "list_models",
    "alist_models",
    "warm",
    "awarm",
    "providers",
    "param_ranges",
    "embedding",
    "price_table",
    "cost_per_token",
    "completion_cost",
    "count_tokens",
    "token_counter",
    "redact",
    "REDACTED",
    "ModelResponse",
    "ModelResponseStream",
    "Record",
    "CompletionStream",
    "AsyncCompletionStream",
    "EdgeQuakeLLMError",
    "BadRequestError",
    "ContextWindowExceededError",
    "ContentPolicyViolationError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "Timeout",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "ServiceUnavailableError",
    "APIConnectionError",
    "APIError",
    "AbortError",
    "ForkedProcessError",
]
