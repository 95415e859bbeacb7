"""The advice an error carries is a field of its own (``hint``, library terms),
``detail`` is what went wrong, ``message``/``str()`` join them as LiteLLM's do; and
``redact()`` is the engine's one scrubber."""

from __future__ import annotations

import pickle

import pytest
from helpers import WIRES, params

import edgequake_python as litellm


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_a_401_carries_detail_and_hint_apart(fake, p):
    msg = "Incorrect API key provided"
    with pytest.raises(litellm.AuthenticationError) as caught:
        litellm.completion(**params(p, fake.url, {"status": 401, "error": {"message": msg}}))
    err = caught.value
    assert err.detail == msg
    assert err.hint is not None and err.hint.startswith("check the API key: pass `api_key`")
    assert err.message == str(err) == f"{msg} ({err.hint})"


def test_an_error_without_advice_has_no_hint(fake):
    p = WIRES[0]
    with pytest.raises(litellm.InternalServerError) as caught:
        litellm.completion(**params(p, fake.url, {"status": 500, "error": {"message": "boom ref=Q7"}}))
    assert (caught.value.hint, caught.value.detail, caught.value.message) == (None, "boom ref=Q7", "boom ref=Q7")


def test_hint_survives_pickling():
    err = litellm.RateLimitError("slow", status_code=429, retryable=True, hint="retry later")
    back = pickle.loads(pickle.dumps(err))
    assert (back.message, back.detail, back.hint, back.retryable) == ("slow (retry later)", "slow", "retry later", True)


def test_redact_values_and_shapes():
    assert litellm.REDACTED == "[redacted]"
    assert litellm.redact("key abc123456 and abc1234567890", ["abc123456", "abc1234567890"]) == (
        "key [redacted] and [redacted]"
    )
    assert litellm.redact("Authorization: Bearer eyJhbGciOi.x-y_z") == "Authorization: Bearer [redacted]"
    assert litellm.redact("GET https://x/models?alt=sse&key=AIzaSyD-123") == "GET https://x/models?alt=sse&key=[redacted]"
    assert litellm.redact("Incorrect API key provided: sk-proj-abcdefgh1234") == (
        "Incorrect API key provided: sk-[redacted]"
    )
    assert litellm.redact("raw p@ss/word+1, encoded p%40ss%2Fword%2B1", ["p@ss/word+1"]) == (
        "raw [redacted], encoded [redacted]"
    )


def test_redact_values_only_for_content():
    text = "Your key is sk-proj-ABCDEFGH12345678. sk-example-of-a-key stays."
    assert litellm.redact(text, ["sk-proj-ABCDEFGH12345678"], patterns=False) == (
        "Your key is [redacted]. sk-example-of-a-key stays."
    )


def test_redact_refuses_bad_arguments():
    with pytest.raises(litellm.BadRequestError):
        litellm.redact(42)  # type: ignore[arg-type]
    with pytest.raises(litellm.BadRequestError, match="secrets"):
        litellm.redact("x", "not-a-list")  # type: ignore[arg-type]
