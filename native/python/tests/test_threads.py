"""The GIL is released while a call waits: calls from many threads run at once,
and Python keeps running while one waits."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from helpers import BY_NAME, collect, params

import edgequake_python as litellm


def test_a_waiting_call_leaves_python_running(fake):
    """A call the server never answers (until its timeout) runs in a thread; the main
    thread meanwhile makes whole calls of its own, which finish first."""
    p = BY_NAME["openai"]
    outcome = {}

    def stuck():
        try:
            litellm.completion(**params(p, fake.url, {"text": "x", "stall_after": 0}, timeout=5))
        except litellm.Timeout as err:
            outcome["err"] = err

    t = threading.Thread(target=stuck)
    t.start()
    try:
        for i in range(3):
            r = litellm.completion(**params(p, fake.url, {"text": f"meanwhile {i}"}))
            assert r.choices[0].message.content == f"meanwhile {i}"
        assert t.is_alive(), "the first call is still waiting, without holding the GIL"
    finally:
        t.join(10)
    assert isinstance(outcome.get("err"), litellm.Timeout)


def test_calls_from_many_threads(fake):
    p = BY_NAME["anthropic"]

    def one(i):
        if i % 2:
            return collect(litellm.completion(**params(p, fake.url, {"text": f"s {i}"}, stream=True))).text
        return litellm.completion(**params(p, fake.url, {"text": f"w {i}"})).choices[0].message.content

    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(one, range(32)))
    assert got == [f"{'s' if i % 2 else 'w'} {i}" for i in range(32)]
