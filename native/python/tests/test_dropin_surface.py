"""The drop-in surface the core gained (embeddings, the price table, cost, token
counting) reaches Python through the same core functions the Node package uses."""

import hashlib

import edgequake_python as litellm
import pytest

from helpers import BY_NAME, KEY


def fake_vector(text: str, dims: int) -> list[float]:
    """The fake provider's deterministic vector (test/fake-provider/embeddings-wire.mjs)."""
    out = []
    for i in range(dims):
        h = hashlib.sha256(f"{i}:{text}".encode()).digest()
        out.append(round((int.from_bytes(h[:2], "big") / 32768 - 1) * 1e4) / 1e4)
    return out


@pytest.mark.parametrize(
    "name,model",
    [("openai", "openai/text-embedding-3-small"), ("ollama", "ollama/nomic-embed-text")],
)
def test_embedding_vectors_usage_and_timing(fake, name, model):
    p = BY_NAME[name]
    texts = ["first text here", "second"]
    r = litellm.embedding(model, texts, api_base=p.base(fake.url), api_key=KEY, dimensions=3, **p.extra)
    assert r.object == "list"
    assert [d.embedding for d in r.data] == [fake_vector(t, 3) for t in texts]
    assert r.usage.prompt_tokens == 4
    assert r._timing["attempts"] == 1


def test_cost_per_token_and_completion_cost_share_the_engine_table():
    table = litellm.price_table()
    mini = next(e for e in table if e["provider"] == "openai" and e["model"] == "gpt-4o-mini")
    prompt, completion = litellm.cost_per_token("openai/gpt-4o-mini", prompt_tokens=1_000_000, completion_tokens=1_000_000)
    assert prompt == pytest.approx(mini["input"])
    assert completion == pytest.approx(mini["output"])
    response = {"model": "gpt-4o-mini", "_provider": "openai", "usage": {"prompt_tokens": 1_000_000, "completion_tokens": 0}}
    assert litellm.completion_cost(response) == pytest.approx(mini["input"])
    with pytest.raises(litellm.BadRequestError):
        litellm.cost_per_token("openai/no-such-model", prompt_tokens=1)


def test_token_counter_is_exact_for_openai_and_labelled_otherwise():
    counted = litellm.count_tokens("openai/gpt-4o-mini", text="hello world")
    assert counted["tokens"] == litellm.token_counter("openai/gpt-4o-mini", text="hello world") == 2
    assert counted["estimated"] is False
    other = litellm.count_tokens("anthropic/claude-sonnet-4-0", text="hello world")
    assert other["estimated"] is True
    assert other["tokens"] == 3  # ceil(11 chars / 4), labelled as an estimate
