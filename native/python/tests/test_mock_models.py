"""mock_response (no network at all), list_models, warm, providers, param_ranges."""

from __future__ import annotations

import pytest
from helpers import KEY, closed_port

import edgequake_python as litellm

MSG = [{"role": "user", "content": "hi"}]


def test_mock_response_whole_without_network():
    r = litellm.completion(model="openai/gpt-4o-mini", messages=MSG, mock_response="Hello, mock!")
    assert r.choices[0].message.content == "Hello, mock!"
    assert r._hidden_params["custom_llm_provider"] == "openai"


def test_mock_response_streamed_without_network():
    stream = litellm.completion(
        model="anthropic/claude-sonnet-4-0",
        messages=MSG,
        mock_response="one two three",
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "one two three"
    assert chunks[-1].usage.completion_tokens >= 1


def test_no_usage_chunk_unless_asked():
    # OpenAI and LiteLLM send the `choices: []` usage chunk only with include_usage, so
    # the common `chunk.choices[0]` loop never meets an empty chunk; stream.usage has it.
    stream = litellm.completion(model="openai/gpt-4o-mini", messages=MSG, mock_response="one two", stream=True)
    chunks = list(stream)
    assert all(c.choices for c in chunks)
    assert stream.usage["completion_tokens"] >= 1


def test_mock_pacing_is_recorded():
    stream = litellm.completion(
        model="openai/gpt-4o-mini", messages=MSG, mock_response="a b c d", mock_ttft_ms=30, stream=True
    )
    list(stream)
    assert stream.timing["first_token_ms"] >= 30


def test_list_models_per_wire(fake):
    fake.set_models("openai", ["gpt-x-1", "gpt-x-2"])
    fake.set_models("ollama", ["llama3.2:latest", "qwen3:8b"])
    fake.set_models("anthropic", ["claude-test-1"])
    try:
        openai = litellm.list_models("openai", api_base=f"{fake.url}/v1", api_key=KEY)
        assert [m.id for m in openai] == ["gpt-x-1", "gpt-x-2"]
        ollama = litellm.list_models("ollama", api_base=fake.url)
        assert [m["id"] for m in ollama] == ["llama3.2:latest", "qwen3:8b"]
        anthropic = litellm.list_models("anthropic", api_base=fake.url, api_key=KEY)
        assert anthropic[0].id == "claude-test-1"
    finally:
        for p in ("openai", "ollama", "anthropic"):
            fake.set_models(p, None)


def test_list_models_errors_are_typed(fake):
    with pytest.raises(litellm.AuthenticationError):
        litellm.list_models("openai", api_base=f"{fake.url}/v1", api_key="bad-key")
    with pytest.raises(litellm.APIConnectionError):
        litellm.list_models("ollama", api_base=f"http://127.0.0.1:{closed_port()}")


def test_warm_opens_a_connection_and_never_raises_for_the_network(fake):
    w = litellm.warm("openai/gpt-4o-mini", api_base=f"{fake.url}/v1", api_key=KEY)
    assert w.ok is True and w.ms >= 0
    down = litellm.warm("openai/gpt-4o-mini", api_base=f"http://127.0.0.1:{closed_port()}/v1", api_key=KEY)
    assert down.ok is False and down.error


def test_providers_and_param_ranges_come_from_the_engine():
    names = {p["name"] for p in litellm.providers()}
    assert {"openai", "anthropic", "gemini", "ollama", "azure", "groq"} <= names
    ranges = {r["name"]: r for r in litellm.param_ranges()}
    assert ranges["temperature"]["max"] >= 2
    assert ranges["timeout"]["min_exclusive"] is True


def test_drop_in_import_as_litellm():
    import edgequake_python as litellm_alias

    for name in ("completion", "acompletion", "stream_chunk_builder", "RateLimitError", "ContextWindowExceededError"):
        assert hasattr(litellm_alias, name)
    assert issubclass(litellm_alias.ContextWindowExceededError, litellm_alias.BadRequestError)
    assert litellm_alias.__version__.count(".") == 2
