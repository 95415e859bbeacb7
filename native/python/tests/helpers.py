"""Shared helpers for the edgequake_python tests: the provider table (the same as
test/engine/helpers.mjs), call parameters against the fake, stream summaries."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

KEY = "test-key"
MESSAGES = [{"role": "user", "content": "Say hello to the test"}]


@dataclass(frozen=True)
class Provider:
    name: str
    model: str
    wire: str
    v1: bool = True  # the fake's OpenAI routes sit under /v1
    extra: dict[str, Any] = field(default_factory=dict)

    def base(self, url: str) -> str:
        return f"{url}/v1" if self.v1 else url

    @property
    def wire_model(self) -> str:
        return self.model.split("/", 1)[1]


PROVIDERS = [
    Provider("openai", "openai/gpt-4o-mini", "openai"),
    Provider("azure", "azure/my-deployment", "azure", v1=False, extra={"api_version": "2024-10-21"}),
    Provider("anthropic", "anthropic/claude-sonnet-4-0", "anthropic", v1=False),
    Provider("gemini", "gemini/gemini-2.0-flash", "gemini", v1=False),
    Provider("ollama", "ollama/llama3.2", "ollama", v1=False),
    Provider("groq", "groq/llama-3.1-8b-instant", "openai"),
    Provider("together_ai", "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", "openai"),
    Provider("deepseek", "deepseek/deepseek-chat", "openai"),
    Provider("xai", "xai/grok-3-mini", "openai"),
    Provider("mistral", "mistral/mistral-small-latest", "openai"),
    Provider("openrouter", "openrouter/openai/gpt-4o-mini", "openai"),
    Provider("fireworks_ai", "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct", "openai"),
    Provider("perplexity", "perplexity/sonar", "openai"),
    Provider("lm_studio", "lm_studio/qwen2.5-7b-instruct", "openai"),
    Provider("hosted_vllm", "hosted_vllm/meta-llama/Llama-3.1-8B-Instruct", "openai"),
]
BY_NAME = {p.name: p for p in PROVIDERS}
WIRES = [BY_NAME[n] for n in ("openai", "azure", "anthropic", "gemini", "ollama")]


def params(p: Provider, url: str, script: Optional[dict[str, Any]], **over: Any) -> dict[str, Any]:
    """completion() keyword arguments for ``p`` against the fake at ``url``,
    answered by ``script`` (the ``x-fake-script`` header; ASCII by json.dumps)."""
    out: dict[str, Any] = {
        "model": p.model,
        "messages": MESSAGES,
        "api_base": p.base(url),
        "api_key": KEY,
        **p.extra,
        **over,
    }
    if script is not None:
        out["extra_headers"] = {**over.get("extra_headers", {}), "x-fake-script": json.dumps(script)}
    return out


@dataclass
class Summary:
    chunks: list[Any]
    text: str = ""
    reasoning: str = ""
    finish: Optional[str] = None
    usage: Any = None
    token_chunks: int = 0
    error: Optional[BaseException] = None


def summarize(chunks: list[Any], error: Optional[BaseException] = None) -> Summary:
    s = Summary(chunks=chunks, error=error)
    for c in chunks:
        if c.usage:
            s.usage = c.usage
        if not c.choices:
            continue
        ch = c.choices[0]
        d = ch.delta
        s.text += d.content or ""
        s.reasoning += d.reasoning_content or ""
        if d.content or d.reasoning_content or d.tool_calls:
            s.token_chunks += 1
        if ch.finish_reason:
            s.finish = ch.finish_reason
    return s


def collect(stream: Any) -> Summary:
    """Drains a stream, keeping the error it ends with (if any)."""
    chunks: list[Any] = []
    try:
        for c in stream:
            chunks.append(c)
    except Exception as err:  # noqa: BLE001 - the tests look at it
        return summarize(chunks, err)
    return summarize(chunks)


async def acollect(stream: Any) -> Summary:
    chunks: list[Any] = []
    try:
        async for c in stream:
            chunks.append(c)
    except Exception as err:  # noqa: BLE001
        return summarize(chunks, err)
    return summarize(chunks)


def closed_port() -> int:
    """A 127.0.0.1 port with nothing listening (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(fn: Callable[[], Any], seconds: float = 2.0, step: float = 0.005) -> Any:
    """Polls ``fn`` until it is truthy or ``seconds`` pass; returns the last value."""
    end = time.monotonic() + seconds
    while True:
        v = fn()
        if v or time.monotonic() > end:
            return v
        time.sleep(step)
