"""Cancellation closes the HTTP request: break (the loop held the only
reference), garbage collection, close()/with, a close from another thread,
asyncio task cancellation, and Ctrl-C (KeyboardInterrupt) during a wait.
"Closed" is checked on the server side: each test has its own fake and counts
the established connections on its port in the kernel's socket table."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest
from fake_provider import server_sockets
from helpers import BY_NAME, WIRES, params, wait_for

import edgequake_python as litellm

STALL = {"text": "one two three four", "stall_after": 1}


def open_then_closed(fake, consume):
    """Runs ``consume`` (which reads the first chunk of a stalled stream), checks the
    connection was open while it ran, and that it is closed after."""
    seen_open = []
    consume(lambda: seen_open.append(server_sockets(fake.port)))
    assert seen_open == [1], "the server held the connection while the stream ran"
    assert wait_for(lambda: server_sockets(fake.port) == 0), "the engine closed the connection"


@pytest.mark.parametrize("p", WIRES, ids=lambda p: p.name)
def test_break_out_of_the_loop_closes_the_request(private_fake, p):
    def consume(mark):
        for chunk in litellm.completion(**params(p, private_fake.url, STALL, stream=True)):
            if chunk.choices and chunk.choices[0].delta.content:
                mark()
                break

    open_then_closed(private_fake, consume)


def test_garbage_collected_iterator_closes_the_request(private_fake):
    def consume(mark):
        stream = litellm.completion(**params(BY_NAME["openai"], private_fake.url, STALL, stream=True))
        while not (c := next(stream)).choices or not c.choices[0].delta.content:
            pass
        mark()
        del stream
        gc.collect()

    open_then_closed(private_fake, consume)


def test_with_block_and_close(private_fake):
    def consume(mark):
        with litellm.completion(**params(BY_NAME["gemini"], private_fake.url, STALL, stream=True)) as stream:
            for c in stream:
                if c.choices and c.choices[0].delta.content:
                    mark()
                    break
        assert list(stream) == [], "a closed stream yields nothing more"

    open_then_closed(private_fake, consume)


def test_close_from_another_thread_ends_the_wait_with_abort_error(private_fake):
    stream = litellm.completion(**params(BY_NAME["anthropic"], private_fake.url, STALL, stream=True))
    first = next(c for c in stream if c.choices and c.choices[0].delta.content)
    assert first.choices[0].delta.content == "one"
    closer = threading.Timer(0.2, stream._native.cancel)
    closer.start()
    with pytest.raises(litellm.AbortError) as caught:
        next(stream)  # blocks (the server stalls) until the other thread cancels
    closer.join()
    assert caught.value.llm_provider == "anthropic"
    assert stream.timing is not None, "the timing record survives an abort"
    assert wait_for(lambda: server_sockets(private_fake.port) == 0)


def test_task_cancellation_closes_a_stream(private_fake):
    async def main():
        stream = await litellm.acompletion(**params(BY_NAME["ollama"], private_fake.url, STALL, stream=True))
        got = asyncio.Event()

        async def read():
            async for c in stream:
                if c.choices and c.choices[0].delta.content:
                    got.set()

        task = asyncio.create_task(read())
        await got.wait()
        assert server_sockets(private_fake.port) == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert wait_for(lambda: server_sockets(private_fake.port) == 0)


def test_task_cancellation_closes_a_whole_call(private_fake):
    async def main():
        call = asyncio.create_task(
            litellm.acompletion(**params(BY_NAME["openai"], private_fake.url, {"text": "x", "stall_after": 0}))
        )
        while server_sockets(private_fake.port) == 0:
            await asyncio.sleep(0.01)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call

    asyncio.run(main())
    assert wait_for(lambda: server_sockets(private_fake.port) == 0)


def test_async_break_then_drop_closes_the_request(private_fake):
    async def main(mark):
        stream = await litellm.acompletion(**params(BY_NAME["azure"], private_fake.url, STALL, stream=True))
        async for c in stream:
            if c.choices and c.choices[0].delta.content:
                mark()
                break
        del stream

    open_then_closed(private_fake, lambda mark: asyncio.run(main(mark)))


CHILD = textwrap.dedent(
    """
    import sys, edgequake_python as litellm
    kind, url, script = sys.argv[1], sys.argv[2], sys.argv[3]
    args = dict(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "x"}],
                api_base=url + "/v1", api_key="k", extra_headers={"x-fake-script": script})
    try:
        if kind == "stream":
            # The loop holds the only reference: whether Ctrl-C lands during the
            # engine's wait (the wait cancels the call) or in this loop's body
            # (unwinding drops the iterator), the request must close.
            for c in litellm.completion(stream=True, **args):
                if c.choices and c.choices[0].delta.content:
                    print("READY", flush=True)
        else:
            # The server never answers: Ctrl-C can only land during the engine's wait.
            print("READY", flush=True)
            litellm.completion(**args)
        print("ENDED", flush=True)
    except KeyboardInterrupt:
        print("INTERRUPTED", flush=True)
        sys.stdin.read()  # stay alive, connection state observable, until the test is done
    """
)


@pytest.mark.parametrize("kind", ["stream", "whole"])
def test_keyboard_interrupt_during_a_wait_closes_the_request(private_fake, kind):
    import json

    script = json.dumps(STALL if kind == "stream" else {"text": "x", "stall_after": 0})
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind, private_fake.url, script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "READY"
        assert wait_for(lambda: server_sockets(private_fake.port) == 1), "the request is open"
        os.kill(child.pid, signal.SIGINT)
        assert child.stdout.readline().strip() == "INTERRUPTED"
        assert child.poll() is None, "the child is still running"
        assert wait_for(lambda: server_sockets(private_fake.port) == 0), "Ctrl-C closed the request"
    finally:
        child.stdin.close()
        child.wait(timeout=10)
