"""acompletion and the async iterator: the same results and errors, woken by the
engine (no polling), many calls at once."""

from __future__ import annotations

import asyncio

import pytest
from helpers import BY_NAME, KEY, WIRES, acollect, params

import edgequake_python as litellm


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_acompletion_whole_and_streamed(fake, p):
    async def main():
        r = await litellm.acompletion(**params(p, fake.url, {"text": "async whole"}))
        stream = await litellm.acompletion(**params(p, fake.url, {"text": "async streamed reply"}, stream=True))
        return r, stream, await acollect(stream)

    r, stream, s = asyncio.run(main())
    assert r.choices[0].message.content == "async whole"
    assert isinstance(stream, litellm.AsyncCompletionStream)
    assert s.text == "async streamed reply"
    assert s.finish == "stop"
    assert stream.timing["first_token_ms"] is not None


def test_async_errors_are_typed(fake):
    async def main():
        with pytest.raises(litellm.RateLimitError):
            await litellm.acompletion(**params(BY_NAME["openai"], fake.url, {"status": 429}))
        stream = await litellm.acompletion(**params(BY_NAME["anthropic"], fake.url, {"status": 500}, stream=True))
        s = await acollect(stream)
        assert type(s.error) is litellm.InternalServerError
        with pytest.raises(litellm.BadRequestError):
            await litellm.acompletion(model="openai/x", messages=[], mock_response="x")

    asyncio.run(main())


def test_many_concurrent_calls_on_one_loop(fake):
    p = BY_NAME["openai"]

    async def one(i):
        r = await litellm.acompletion(**params(p, fake.url, {"text": f"reply {i}", "headers_delay_ms": 20}))
        return r.choices[0].message.content

    async def main():
        return await asyncio.gather(*(one(i) for i in range(50)))

    assert asyncio.run(main()) == [f"reply {i}" for i in range(50)]


def test_the_loop_keeps_running_while_a_call_waits(fake):
    """Other tasks run while a call is in flight: the call does not block the loop."""
    p = BY_NAME["gemini"]

    async def main():
        ticks = 0
        call = asyncio.create_task(litellm.acompletion(**params(p, fake.url, {"text": "late", "headers_delay_ms": 300})))
        while not call.done():
            ticks += 1
            await asyncio.sleep(0.01)
        return ticks, (await call).choices[0].message.content

    ticks, text = asyncio.run(main())
    assert text == "late"
    assert ticks > 5


def test_alist_models_and_awarm(fake):
    fake.set_models("gemini", ["gemini-test-flash"])

    async def main():
        models = await litellm.alist_models("gemini", api_base=fake.url, api_key=KEY)
        w = await litellm.awarm("gemini/gemini-2.0-flash", api_base=fake.url, api_key=KEY)
        return models, w

    try:
        models, w = asyncio.run(main())
    finally:
        fake.set_models("gemini", None)
    assert [m.id for m in models] == ["gemini-test-flash"]
    assert w.ok is True


def test_async_mock_stream_without_network():
    async def main():
        stream = await litellm.acompletion(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "x"}], mock_response="hi there", stream=True)
        async with stream:
            return await acollect(stream)

    assert asyncio.run(main()).text == "hi there"


def test_async_first_chunk_arrives_before_the_server_sends_the_rest(private_fake):
    """The server sends one content chunk, then nothing: the async iterator must
    hand it over without waiting for more."""
    from fake_provider import server_sockets

    p = BY_NAME["anthropic"]

    async def main():
        stream = await litellm.acompletion(**params(p, private_fake.url, {"text": "first second", "stall_after": 1}, stream=True))
        async with stream:
            async for c in stream:
                if c.choices and c.choices[0].delta.content:
                    return c.choices[0].delta.content, server_sockets(private_fake.port)

    assert asyncio.run(main()) == ("first", 1)
