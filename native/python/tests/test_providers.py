"""Every provider against the fake, whole and streamed; results read like
LiteLLM's (attribute and dict access, model_dump/json, hidden params, timing);
chunks reach Python as they arrive."""

from __future__ import annotations

import pytest
from fake_provider import server_sockets
from helpers import BY_NAME, PROVIDERS, collect, params, wait_for

import edgequake_python as litellm

DEFAULT_TEXT = "Hello from the fake {wire} provider, deterministic reply."


def expected_text(p) -> str:
    wire = "openai" if p.wire == "openai" else p.wire
    return DEFAULT_TEXT.format(wire=wire)


@pytest.mark.parametrize("p", PROVIDERS, ids=lambda p: p.name)
def test_whole_call(fake, p):
    r = litellm.completion(**params(p, fake.url, {"text": f"Hi from {p.name}"}))
    assert isinstance(r, litellm.ModelResponse)
    assert r.object == "chat.completion"
    assert r.choices[0].message.content == f"Hi from {p.name}"
    assert r["choices"][0]["message"]["content"] == f"Hi from {p.name}"
    assert r.choices[0].message.role == "assistant"
    assert r.choices[0].finish_reason == "stop"
    assert r.usage.completion_tokens >= 1
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens
    assert r._hidden_params["custom_llm_provider"] == p.name
    assert r._response_ms > 0
    assert r._timing["attempts"] == 1


@pytest.mark.parametrize("p", PROVIDERS, ids=lambda p: p.name)
def test_streamed_call(fake, p):
    stream = litellm.completion(**params(p, fake.url, {"text": f"Streamed from {p.name} here"}, stream=True))
    assert isinstance(stream, litellm.CompletionStream)
    s = collect(stream)
    assert s.error is None
    assert s.text == f"Streamed from {p.name} here"
    assert s.finish == "stop"
    assert s.token_chunks == 4, "one chunk per word, as the fake sent them"
    first = s.chunks[0]
    assert first.object == "chat.completion.chunk"
    assert first.choices[0].delta.role == "assistant"
    assert isinstance(first, litellm.ModelResponseStream)
    assert first["_arrival_ms"] >= 0
    assert stream.usage["completion_tokens"] >= 1
    assert stream.provider == p.name
    assert stream.timing["first_token_ms"] is not None


def test_default_reply_when_unscripted(fake):
    p = BY_NAME["anthropic"]
    r = litellm.completion(**params(p, fake.url, None))
    assert r.choices[0].message.content == expected_text(p)


def test_attribute_and_dict_access_agree_and_export(fake):
    r = litellm.completion(**params(BY_NAME["openai"], fake.url, {"text": "same both ways"}))
    dumped = r.model_dump()
    assert type(dumped) is dict and type(dumped["choices"][0]) is dict
    assert dumped["choices"][0]["message"]["content"] == "same both ways"
    assert r.json() == dumped, "LiteLLM's json() is the dict"
    assert "_response_ms" not in dumped and "_timing" not in dumped
    assert '"same both ways"' in r.model_dump_json()
    assert r.choices[0].message.tool_calls is None, "an absent optional field reads as None"
    with pytest.raises(AttributeError):
        r.choices[0].message.no_such_field  # noqa: B018


def test_usage_in_the_last_chunk(fake):
    p = BY_NAME["openai"]
    script = {"text": "a b c", "usage": {"prompt_tokens": 11, "completion_tokens": 3}}
    s = collect(litellm.completion(**params(p, fake.url, script, stream=True, stream_options={"include_usage": True})))
    last = s.chunks[-1]
    assert last.choices == []
    assert last.usage.prompt_tokens == 11
    assert last.usage.completion_tokens == 3
    assert last.usage.total_tokens == 14


def test_first_chunk_reaches_python_before_the_server_sends_the_rest(private_fake):
    """The server sends one content chunk and then nothing (the socket stays open):
    a binding that gathered the stream before yielding would never yield it."""
    p = BY_NAME["openai"]
    script = {"text": "first second third", "stall_after": 1}
    stream = litellm.completion(**params(p, private_fake.url, script, stream=True, timeout=30))
    texts = []
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            texts.append(chunk.choices[0].delta.content)
            break
    assert texts == ["first"]
    assert server_sockets(private_fake.port) == 1, "the server is still holding the rest back"
    stream.close()
    assert wait_for(lambda: server_sockets(private_fake.port) == 0)


def test_timing_record_of_a_stream(fake):
    p = BY_NAME["gemini"]
    stream = litellm.completion(**params(p, fake.url, {"text": "one two three"}, stream=True))
    assert stream.timing is None, "not before the end"
    s = collect(stream)
    t = stream.timing
    assert len(t["chunk_offsets_ms"]) == s.token_chunks
    assert t["first_token_ms"] <= t["end_ms"]
    assert t["output_tokens"] >= 3
