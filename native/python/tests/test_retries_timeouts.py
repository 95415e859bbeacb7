"""Retries (num_retries, retry-after) and timeouts (timeout, first_byte_timeout,
stream_timeout): the engine's, reached from Python."""

from __future__ import annotations

import uuid

import pytest
from helpers import BY_NAME, WIRES, closed_port, collect, params

import edgequake_python as litellm


def attempts_for(fake, script_id):
    return sum(1 for r in fake.chat_requests() if script_id in str(r["headers"].get("x-fake-script", "")))


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
@pytest.mark.parametrize("status", [429, 500, 503])
def test_retried_until_success(fake, p, status):
    sid = f"retry-{uuid.uuid4()}"
    script = {"id": sid, "fail_first": 2, "status": status, "headers": {"retry-after": "0"}, "text": "third time lucky"}
    r = litellm.completion(**params(p, fake.url, script, num_retries=2))
    assert r.choices[0].message.content == "third time lucky"
    assert r._timing["attempts"] == 3
    assert attempts_for(fake, sid) == 3


def test_streams_are_retried_before_any_chunk(fake):
    p = BY_NAME["anthropic"]
    sid = f"retry-{uuid.uuid4()}"
    script = {"id": sid, "fail_first": 1, "status": 429, "headers": {"retry-after": "0"}, "text": "after retry"}
    stream = litellm.completion(**params(p, fake.url, script, stream=True, num_retries=1))
    s = collect(stream)
    assert s.text == "after retry"
    assert stream.timing["attempts"] == 2


def test_not_retried_without_num_retries(fake):
    sid = f"retry-{uuid.uuid4()}"
    with pytest.raises(litellm.RateLimitError):
        litellm.completion(**params(BY_NAME["openai"], fake.url, {"id": sid, "fail_first": 1, "status": 429}))
    assert attempts_for(fake, sid) == 1


def test_out_of_retries_raises_the_last_error(fake):
    sid = f"retry-{uuid.uuid4()}"
    script = {"id": sid, "fail_first": 5, "status": 503, "headers": {"retry-after": "0"}}
    with pytest.raises(litellm.ServiceUnavailableError):
        litellm.completion(**params(BY_NAME["gemini"], fake.url, script, num_retries=2))
    assert attempts_for(fake, sid) == 3


def test_non_retryable_status_is_not_retried(fake):
    sid = f"retry-{uuid.uuid4()}"
    with pytest.raises(litellm.AuthenticationError):
        litellm.completion(**params(BY_NAME["openai"], fake.url, {"id": sid, "fail_first": 1, "status": 401}, num_retries=3))
    assert attempts_for(fake, sid) == 1


def test_connection_errors_are_retried():
    p = BY_NAME["openai"]
    base = f"http://127.0.0.1:{closed_port()}/v1"
    with pytest.raises(litellm.APIConnectionError):
        litellm.completion(model=p.model, messages=[{"role": "user", "content": "x"}], api_base=base, api_key="k", num_retries=1)


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_total_timeout_on_a_stalled_stream_after_its_chunks(fake, p):
    stream = litellm.completion(**params(p, fake.url, {"text": "one two three four", "stall_after": 2}, stream=True, timeout=0.3))
    s = collect(stream)
    assert type(s.error) is litellm.Timeout, f"{type(s.error).__name__}: {s.error}"
    assert s.error.llm_provider == p.name
    assert s.text == "one two"
    assert len(stream.timing["chunk_offsets_ms"]) == 2


def test_whole_call_timeout_when_no_response_comes(fake):
    with pytest.raises(litellm.Timeout):
        litellm.completion(**params(BY_NAME["openai"], fake.url, {"text": "x", "stall_after": 0}, timeout=0.3))


def test_first_byte_timeout_is_named(fake):
    stream = litellm.completion(
        **params(BY_NAME["anthropic"], fake.url, {"text": "late", "headers_delay_ms": 2000}, stream=True, first_byte_timeout=0.2)
    )
    s = collect(stream)
    assert type(s.error) is litellm.Timeout
    assert "first_byte_timeout" in str(s.error)


def test_stream_timeout_fires_on_silence(fake):
    s = collect(
        litellm.completion(**params(BY_NAME["ollama"], fake.url, {"text": "a b c", "stall_after": 1}, stream=True, stream_timeout=0.2))
    )
    assert type(s.error) is litellm.Timeout
    assert s.text == "a"


def test_a_generous_timeout_does_not_fire(fake):
    r = litellm.completion(**params(BY_NAME["openai"], fake.url, {"text": "in time", "headers_delay_ms": 50}, timeout=30))
    assert r.choices[0].message.content == "in time"


@pytest.mark.parametrize(("headers", "expected"), [({"retry-after": "7"}, 7), ({"retry-after-ms": "1500"}, 1.5), ({}, None)])
def test_a_final_429_carries_the_wait_the_provider_asked_for(fake, headers, expected):
    with pytest.raises(litellm.RateLimitError) as caught:
        litellm.completion(**params(BY_NAME["openai"], fake.url, {"status": 429, "headers": headers}, num_retries=0))
    assert caught.value.retry_after == expected
