"""LiteLLM's call surface over the Rust engine: ``completion`` / ``acompletion``
with the same parameters as the Node package (see the README's parameter table),
plus ``stream_chunk_builder``, ``list_models``, ``warm``, ``providers`` and
``param_ranges``. Parameters cross into Rust as one JSON text; results come back
as JSON and are decoded straight into records."""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence, Union

from . import _eq_core
from ._aio import running_loop_and_future
from ._errors import BadRequestError
from ._fork import check_not_forked
from ._params import dumps, to_json
from ._records import ModelResponse, Record, records_from_json, response_from_json
from ._stream import AsyncCompletionStream, CompletionStream


def _call_json(model: Optional[str], messages: Optional[list[Any]], params: dict[str, Any]) -> str:
    check_not_forked()
    params["model"] = model
    params["messages"] = messages
    return to_json(params, "completion()")


def completion(
    model: Optional[str] = None, messages: Optional[list[Any]] = None, **params: Any
) -> Union[ModelResponse, CompletionStream]:
    """One chat completion: a ``ModelResponse``, or with ``stream=True`` an iterator
    of ``chat.completion.chunk``s yielded as they arrive. Bad input raises
    ``BadRequestError`` before any request is sent."""
    text = _call_json(model, messages, params)
    if params.get("stream") is True:
        return CompletionStream(_eq_core.stream(text))
    return response_from_json(_eq_core.complete(text))


async def acompletion(
    model: Optional[str] = None, messages: Optional[list[Any]] = None, **params: Any
) -> Union[ModelResponse, AsyncCompletionStream]:
    """``completion`` for asyncio: awaits a ``ModelResponse``, or with ``stream=True``
    an async iterator of chunks. Cancelling the task closes the HTTP request."""
    text = _call_json(model, messages, params)
    if params.get("stream") is True:
        return AsyncCompletionStream(_eq_core.stream(text))
    loop, future = running_loop_and_future()
    call = _eq_core.complete_into(text, loop, future)
    try:
        return response_from_json(await future)
    except BaseException:
        call.cancel()  # task cancelled (or the call failed: then a no-op)
        raise


def stream_chunk_builder(
    chunks: Sequence[Any], messages: Optional[list[Any]] = None
) -> Optional[ModelResponse]:
    """Rebuilds the whole completion from a stream's chunks, as LiteLLM's helper does;
    None for no chunks. A stream cut short keeps ``finish_reason`` None.
    ``messages`` is accepted for LiteLLM's signature; the chunks carry everything."""
    if not isinstance(chunks, (list, tuple)):
        raise TypeError("stream_chunk_builder() takes the list of chunks a stream yielded")
    text = _eq_core.stream_chunk_builder(dumps(list(chunks), "stream_chunk_builder()"))
    return None if text is None else response_from_json(text)


def _models_json(provider: Any, params: dict[str, Any]) -> str:
    check_not_forked()
    if not isinstance(provider, str):
        raise BadRequestError("list_models() takes provider='openai' | 'anthropic' | ..., api_base=?, api_key=?")
    params["provider"] = provider
    return to_json(params, "list_models()")


def list_models(provider: str, **params: Any) -> list[Record]:
    """The provider's own list of models: ``[{id, display_name?}]``."""
    return records_from_json(_eq_core.list_models(_models_json(provider, params)))  # type: ignore[no-any-return]


async def alist_models(provider: str, **params: Any) -> list[Record]:
    text = _models_json(provider, params)
    loop, future = running_loop_and_future()
    call = _eq_core.list_models_into(text, loop, future)
    try:
        return records_from_json(await future)  # type: ignore[no-any-return]
    except BaseException:
        call.cancel()
        raise


def _warm_json(model: Any, params: dict[str, Any]) -> str:
    check_not_forked()
    if not isinstance(model, str):
        raise BadRequestError("warm() takes model='provider/model', api_base=?, api_key=?")
    params["model"] = model
    return to_json(params, "warm()")


def warm(model: str, **params: Any) -> Record:
    """Opens a pooled connection to the model's host so a timed call starts warm.
    Returns ``{ok, ms, error?}``; never raises for network reasons."""
    return records_from_json(_eq_core.warm(_warm_json(model, params)))  # type: ignore[no-any-return]


async def awarm(model: str, **params: Any) -> Record:
    text = _warm_json(model, params)
    loop, future = running_loop_and_future()
    call = _eq_core.warm_into(text, loop, future)
    try:
        return records_from_json(await future)  # type: ignore[no-any-return]
    except BaseException:
        call.cancel()
        raise


def providers() -> list[dict[str, Any]]:
    """Every provider: name, label, wire protocol, default base URL, key and base environment
    variables, whether a key is required / it runs locally, and ``models_path`` (the route
    ``list_models`` requests, appended to the base URL)."""
    return json.loads(_eq_core.providers_json())  # type: ignore[no-any-return]


def param_ranges() -> list[dict[str, Any]]:
    """The allowed range of every numeric parameter, from the engine's validation table."""
    return json.loads(_eq_core.param_ranges_json())  # type: ignore[no-any-return]


def embedding(model: str, input: Any, **params: Any) -> Record:
    """Embeddings (openai, azure, gemini, ollama, OpenAI-compatible): an OpenAI ``list``
    with ``data[i].embedding``, ``usage`` and the timing record."""
    check_not_forked()
    text = dumps({"model": model, "input": input, **params}, "embedding()")
    return records_from_json(_eq_core.embedding(text))  # type: ignore[no-any-return]


def price_table() -> list[dict[str, Any]]:
    """The one price table shipped with the engine (USD per million tokens; date and
    source per entry)."""
    return json.loads(_eq_core.price_table_json())  # type: ignore[no-any-return]


def cost_per_token(model: str, prompt_tokens: int = 0, completion_tokens: int = 0, **tiers: Any) -> tuple[float, float]:
    """LiteLLM's ``cost_per_token``: ``(prompt_usd, completion_usd)``, with cache reads,
    cache writes and reasoning priced at their own tiers (``cache_read_input_tokens``,
    ``cache_creation_input_tokens``, ``reasoning_tokens``)."""
    body = {"model": model, "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, **tiers}
    prompt, completion = json.loads(_eq_core.cost_per_token_json(dumps(body, "cost_per_token()")))
    return float(prompt), float(completion)


def completion_cost(completion_response: Any, model: Optional[str] = None) -> float:
    """LiteLLM's ``completion_cost``: the USD cost of a response (or of a stream rebuilt
    with ``stream_chunk_builder``) from its usage and the engine's price table."""
    r = completion_response
    usage = r.get("usage") if isinstance(r, dict) else None
    if not isinstance(usage, dict):
        raise BadRequestError("completion_cost() takes a response with `usage`")
    provider = r.get("_provider")
    name = model or (f"{provider}/{r.get('model')}" if provider else str(r.get("model")))
    body = {"model": name, "usage": usage}
    return float(json.loads(_eq_core.completion_cost_json(dumps(body, "completion_cost()"))))


def count_tokens(model: str, messages: Optional[list[Any]] = None, text: Optional[str] = None) -> dict[str, Any]:
    """The prompt's token count and which tokenizer counted it (OpenAI's o200k/cl100k
    offline; a labelled estimate for other models)."""
    body: dict[str, Any] = {"model": model}
    if messages is not None:
        body["messages"] = messages
    if text is not None:
        body["text"] = text
    return json.loads(_eq_core.token_counter_json(dumps(body, "token_counter()")))  # type: ignore[no-any-return]


def token_counter(model: str, messages: Optional[list[Any]] = None, text: Optional[str] = None) -> int:
    """LiteLLM's ``token_counter``: the count alone (see ``count_tokens`` for which tokenizer)."""
    return int(count_tokens(model, messages=messages, text=text)["tokens"])


#: What replaces a secret in every redacted text: the engine's marker.
REDACTED: str = _eq_core.REDACTED


def redact(text: str, secrets: Sequence[str] = (), patterns: bool = True) -> str:
    """The engine's scrubber, the one its own error messages pass through: each of
    ``secrets`` (raw and percent-encoded, longest first; values under six characters
    are ignored) becomes ``REDACTED``, then, unless ``patterns`` is False, anything
    shaped like a key (``Bearer …``, ``?key=…``, ``x-api-key: …``, ``sk-…``)."""
    if not isinstance(text, str):
        raise BadRequestError(f"redact() takes a string, not {type(text).__name__}")
    if isinstance(secrets, str) or not all(isinstance(s, str) for s in secrets):
        raise BadRequestError("redact(text, secrets): `secrets` must be a list of strings (the values to remove)")
    return _eq_core.redact(text, list(secrets), bool(patterns))
