"""Errors: HTTP status → LiteLLM's class on every wire with the fields LiteLLM's
carry, the special 400s, connection errors, and the same classes from streams."""

from __future__ import annotations

import pytest
from helpers import BY_NAME, WIRES, closed_port, collect, params

import edgequake_python as litellm

STATUS_CLASS = [
    (400, litellm.BadRequestError, False),
    (401, litellm.AuthenticationError, False),
    (403, litellm.PermissionDeniedError, False),
    (404, litellm.NotFoundError, False),
    (408, litellm.Timeout, True),
    (422, litellm.UnprocessableEntityError, False),
    (429, litellm.RateLimitError, True),
    (500, litellm.InternalServerError, True),
    (503, litellm.ServiceUnavailableError, True),
]


def assert_error(err, cls, status, p, retryable=None):
    assert type(err) is cls, f"expected {cls.__name__}, got {type(err).__name__}: {err}"
    assert isinstance(err, litellm.EdgeQuakeLLMError)
    assert err.status_code == status
    assert err.llm_provider == p.name
    assert err.model == p.wire_model
    if retryable is not None:
        assert err.retryable is retryable


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
@pytest.mark.parametrize(("status", "cls", "retryable"), STATUS_CLASS, ids=lambda v: str(getattr(v, "__name__", v)))
def test_status_maps_to_class(fake, p, status, cls, retryable):
    message = f"upstream says no ({status}) ref=Q7"
    with pytest.raises(cls) as caught:
        litellm.completion(**params(p, fake.url, {"status": status, "error": {"message": message}}))
    assert_error(caught.value, cls, status, p, retryable)
    assert message in str(caught.value)


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_stream_raises_the_same_class_after_no_chunk(fake, p):
    stream = litellm.completion(**params(p, fake.url, {"status": 429, "error": {"message": "slow down"}}, stream=True))
    s = collect(stream)
    assert_error(s.error, litellm.RateLimitError, 429, p, True)
    assert "slow down" in str(s.error)
    assert s.chunks == []
    assert stream.timing is not None and stream.timing["first_token_ms"] is None


def test_anthropic_529_is_service_unavailable(fake):
    p = BY_NAME["anthropic"]
    with pytest.raises(litellm.ServiceUnavailableError) as caught:
        litellm.completion(**params(p, fake.url, {"status": 529}))
    assert_error(caught.value, litellm.ServiceUnavailableError, 529, p, True)


@pytest.mark.parametrize("p", [w for w in WIRES if w.wire != "ollama"], ids=lambda p: p.name)
def test_rejected_key_is_authentication_error(fake, p):
    with pytest.raises(litellm.AuthenticationError) as caught:
        litellm.completion(**params(p, fake.url, {"text": "x"}, api_key="bad-key-1"))
    assert caught.value.llm_provider == p.name
    assert "bad-key-1" not in str(caught.value), "keys never appear in messages"


CONTEXT = {
    "openai": "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens.",
    "anthropic": "prompt is too long: 210345 tokens > 200000 maximum",
    "gemini": "The input token count (1048580) exceeds the maximum number of tokens allowed (1048576).",
}


@pytest.mark.parametrize("name", sorted(CONTEXT))
def test_context_window_400_is_a_bad_request_subclass(fake, name):
    p = BY_NAME[name]
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(**params(p, fake.url, {"status": 400, "error": {"message": CONTEXT[name]}}))
    assert_error(caught.value, litellm.ContextWindowExceededError, 400, p, False)


def test_content_policy_400_is_a_bad_request_subclass(fake):
    p = BY_NAME["openai"]
    script = {"status": 400, "error": {"message": "Your request was rejected as a result of our safety system."}}
    with pytest.raises(litellm.BadRequestError) as caught:
        litellm.completion(**params(p, fake.url, script))
    assert_error(caught.value, litellm.ContentPolicyViolationError, 400, p, False)


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_refused_connection_is_api_connection_error(fake, p):
    base = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(litellm.APIConnectionError) as caught:
        litellm.completion(**params(p, fake.url, None, api_base=p.base(base)))
    assert caught.value.retryable is True


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_mid_stream_error_after_the_chunks_that_arrived(fake, p):
    s = collect(litellm.completion(**params(p, fake.url, {"text": "one two three", "mid_stream_error_after": 2}, stream=True)))
    assert s.text == "one two"
    assert isinstance(s.error, litellm.EdgeQuakeLLMError)
    assert s.error.llm_provider == p.name


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_cut_stream_is_api_connection_error_after_the_text(fake, p):
    s = collect(litellm.completion(**params(p, fake.url, {"text": "one two three", "disconnect_after": 2}, stream=True)))
    assert s.text == "one two"
    assert type(s.error) is litellm.APIConnectionError


def test_unusable_reply_is_api_error(fake):
    """A reply in another wire's shape (here Ollama's NDJSON answering an OpenAI
    call, reached through a query that swallows the OpenAI path) is APIError."""
    p = BY_NAME["openai"]
    with pytest.raises(litellm.APIError) as caught:
        litellm.completion(**params(p, fake.url, None, api_base=f"{fake.url}/api/chat?route="))
    assert_error(caught.value, litellm.APIError, 200, p, False)
    assert "could not parse" in str(caught.value)


def test_errors_pickle_with_their_fields():
    import pickle

    err = litellm.RateLimitError("slow", status_code=429, llm_provider="openai", model="m", retryable=True, retry_after=2.5)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is litellm.RateLimitError
    assert (back.message, back.status_code, back.llm_provider, back.model, back.retryable, back.retry_after) == (
        "slow",
        429,
        "openai",
        "m",
        True,
        2.5,
    )


def test_from_native_reads_every_class_name():
    from edgequake_python._errors import _CLASSES, from_native

    for name, cls in _CLASSES.items():
        err = from_native(f'{{"kind":"{name}","message":"m","status_code":null,"retryable":false}}')
        assert type(err) is cls
    assert type(from_native("not json")) is litellm.APIConnectionError


def test_every_error_kind_of_the_core_has_its_class() -> None:
    """The core's `ErrorKind` (as generated for TypeScript from the Rust enum) and the
    Python classes are the same set of names."""
    import pathlib
    import re

    from edgequake_python._errors import _CLASSES

    generated = pathlib.Path(__file__).resolve().parents[2] / "js" / "types" / "ErrorKind.ts"
    kinds = set(re.findall(r'"(\w+)"', generated.read_text()))
    assert len(kinds) >= 14
    assert set(_CLASSES) == kinds
