"""Tool calls and reasoning on every wire, streamed and whole, and
stream_chunk_builder rebuilding them (the builder runs in Rust)."""

from __future__ import annotations

import json

import pytest
from helpers import BY_NAME, WIRES, collect, params

import edgequake_python as litellm

CALLS = [
    {"id": "call_w1", "name": "get_weather", "arguments": '{"city":"Zürich","unit":"c"}'},
    {"id": "call_t2", "name": "get_time", "arguments": '{"tz":"Europe/Paris","fmt":"24h"}'},
]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather for a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "unit": {"type": "string"}}},
        },
    },
    {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}},
]
HAS_IDS = {"openai", "azure", "anthropic"}  # Gemini and Ollama send no call ids


def assert_calls(calls, wire):
    assert len(calls) == 2
    for i, c in enumerate(calls):
        assert c.type == "function"
        assert c.id
        if wire in HAS_IDS:
            assert c.id == CALLS[i]["id"]
        assert c.function.name == CALLS[i]["name"]
        assert json.loads(c.function.arguments) == json.loads(CALLS[i]["arguments"])
    assert calls[0].id != calls[1].id


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_streamed_tool_calls_rebuild(fake, p):
    s = collect(litellm.completion(**params(p, fake.url, {"tool_calls": CALLS}, stream=True, tools=TOOLS)))
    assert s.error is None
    frags = [f for c in s.chunks if c.choices for f in (c.choices[0].delta.tool_calls or [])]
    for idx in (0, 1):
        mine = [f for f in frags if f.index == idx]
        assert mine[0].function.name == CALLS[idx]["name"]
        assert mine[0].id
    assert s.finish == "tool_calls"
    built = litellm.stream_chunk_builder(s.chunks)
    assert isinstance(built, litellm.ModelResponse)
    assert built.choices[0].message.content is None
    assert_calls(built.choices[0].message.tool_calls, p.wire)


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_whole_tool_calls(fake, p):
    r = litellm.completion(**params(p, fake.url, {"tool_calls": CALLS}, tools=TOOLS))
    assert r.choices[0].message.content is None
    assert r.choices[0].finish_reason == "tool_calls"
    assert_calls(r.choices[0].message.tool_calls, p.wire)


def test_tool_round_trip_with_a_returned_message(fake):
    """The assistant message of a response goes back into messages as is (it is a dict)."""
    p = BY_NAME["anthropic"]
    first = litellm.completion(**params(p, fake.url, {"tool_calls": CALLS[:1]}, tools=TOOLS))
    call = first.choices[0].message.tool_calls[0]
    messages = [
        {"role": "user", "content": "Weather?"},
        first.choices[0].message,
        {"role": "tool", "tool_call_id": call.id, "content": '{"temp":21}'},
    ]
    r = litellm.completion(**params(p, fake.url, {"text": "It is 21."}, tools=TOOLS, messages=messages))
    assert r.choices[0].message.content == "It is 21."
    sent = fake.chat_requests()[-1]["body"]["messages"]
    assert any(b.get("type") == "tool_result" for m in sent for b in (m["content"] if isinstance(m["content"], list) else []))


REASONING = ["First, ", "consider the café. ", "🤔"]
REASONING_CASES = [
    ("deepseek", {}),
    ("groq", {"reasoning_field": "reasoning"}),
    ("anthropic", {}),
    ("gemini", {}),
    ("ollama", {}),
]


@pytest.mark.parametrize(("name", "extra"), REASONING_CASES, ids=[c[0] for c in REASONING_CASES])
def test_streamed_reasoning_precedes_content(fake, name, extra):
    p = BY_NAME[name]
    script = {"reasoning": REASONING, "text": "The answer is 42.", **extra}
    s = collect(litellm.completion(**params(p, fake.url, script, stream=True)))
    assert s.reasoning == "".join(REASONING)
    assert s.text == "The answer is 42."
    first_content = next(i for i, c in enumerate(s.chunks) if c.choices and c.choices[0].delta.content)
    last_reasoning = max(i for i, c in enumerate(s.chunks) if c.choices and c.choices[0].delta.reasoning_content)
    assert last_reasoning < first_content
    built = litellm.stream_chunk_builder(s.chunks)
    assert built.choices[0].message.reasoning_content == "".join(REASONING)


@pytest.mark.parametrize(("name", "extra"), REASONING_CASES, ids=[c[0] for c in REASONING_CASES])
def test_whole_reasoning(fake, name, extra):
    p = BY_NAME[name]
    r = litellm.completion(**params(p, fake.url, {"reasoning": REASONING, "text": "42.", **extra}))
    assert r.choices[0].message.reasoning_content == "".join(REASONING)
    assert r.choices[0].message.content == "42."


def test_reasoning_tokens_in_usage(fake):
    p = BY_NAME["deepseek"]
    script = {"reasoning": REASONING, "text": "x", "usage": {"reasoning_tokens": 9}}
    s = collect(litellm.completion(**params(p, fake.url, script, stream=True, stream_options={"include_usage": True})))
    assert s.usage.completion_tokens_details.reasoning_tokens == 9


def test_stream_chunk_builder_edges():
    assert litellm.stream_chunk_builder([]) is None
    with pytest.raises(TypeError):
        litellm.stream_chunk_builder("not a list")  # type: ignore[arg-type]
    chunks = list(
        litellm.completion(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], mock_response="a b", stream=True)
    )
    built = litellm.stream_chunk_builder(chunks, messages=[{"role": "user", "content": "hi"}])
    assert built.choices[0].message.content == "a b"
    assert built.choices[0].finish_reason == "stop"
    cut = litellm.stream_chunk_builder(chunks[:2])
    assert cut.choices[0].finish_reason is None, "a stream cut short keeps finish_reason None"
