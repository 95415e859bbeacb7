"""Results that behave like LiteLLM's: OpenAI-shaped JSON objects that are dicts
(``r["choices"][0]["message"]["content"]``) and answer attribute access too
(``r.choices[0].message.content``), with pydantic's ``model_dump()`` and
LiteLLM's ``json()``. Objects are built by the JSON decoder itself
(``object_pairs_hook``), so there is no second pass over the tree."""

from __future__ import annotations

import json
from typing import Any, Optional

# Optional OpenAI fields: absent means None, as on LiteLLM's pydantic models
# (``chunk.choices[0].delta.content`` is None on a role-only or tool-call chunk).
_NONE_IF_MISSING = frozenset(
    {
        "content",
        "role",
        "tool_calls",
        "function_call",
        "reasoning_content",
        "thinking_blocks",
        "finish_reason",
        "logprobs",
        "usage",
        "refusal",
        "annotations",
        "audio",
        "system_fingerprint",
        "name",
        "id",
        "type",
        "arguments",
    }
)


class Record(dict):  # type: ignore[type-arg]
    """A JSON object with attribute access. Missing optional OpenAI fields read as
    None; any other missing name raises AttributeError."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            if name in _NONE_IF_MISSING:
                return None
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def model_dump(self, **_ignored: Any) -> dict[str, Any]:
        """A deep copy as plain dicts and lists (pydantic's name)."""
        return json.loads(json.dumps(self))  # type: ignore[no-any-return]

    def json(self, **_ignored: Any) -> dict[str, Any]:
        """LiteLLM's ``ModelResponse.json()``: the same plain dict as ``model_dump()``."""
        return self.model_dump()

    def model_dump_json(self, **_ignored: Any) -> str:
        return json.dumps(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"


class ModelResponseStream(Record):
    """One ``chat.completion.chunk``; ``_arrival_ms`` says when its bytes reached the
    socket, in ms from the call's start."""

    __slots__ = ()


class ModelResponse(Record):
    """A whole ``chat.completion``. ``_response_ms`` is LiteLLM's total time;
    ``_hidden_params`` holds the provider and the timing record, as LiteLLM keeps
    its extras out of the dict."""

    _response_ms: Optional[float]
    _hidden_params: dict[str, Any]

    def __init__(self, fields: dict[str, Any], response_ms: Optional[float], hidden: dict[str, Any]) -> None:
        super().__init__(fields)
        object.__setattr__(self, "_response_ms", response_ms)
        object.__setattr__(self, "_hidden_params", hidden)

    @property
    def _timing(self) -> Optional[dict[str, Any]]:
        """The latency record measured in Rust (see the README's timing fields)."""
        return self._hidden_params.get("timing")

    def __reduce__(self) -> Any:
        return (type(self), (dict(self), self._response_ms, self._hidden_params))


_decode = json.JSONDecoder(object_pairs_hook=Record).decode


def response_from_json(text: str) -> ModelResponse:
    """The engine's ``chat.completion`` JSON, with its ``_``-extras moved off the dict."""
    fields = _decode(text)
    response_ms = fields.pop("_response_ms", None)
    provider = fields.pop("_provider", None)
    timing = fields.pop("_timing", None)
    hidden = {"custom_llm_provider": provider, "timing": timing, "response_ms": response_ms}
    return ModelResponse(fields, response_ms, hidden)


def records_from_json(text: str) -> Any:
    """Any JSON text as records (lists stay lists)."""
    return _decode(text)
