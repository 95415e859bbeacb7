"""The iterators a streamed call returns. Each pulls batches of OpenAI chunks,
shaped in Rust, from the native stream — one crossing and one ``json.loads`` per
batch, however many chunks arrived meanwhile — and hands them out one by one, as
they arrive. The last element of the last batch is the ``end`` record: timing,
usage, provider.

Closing: ``close()`` (or leaving a ``with`` block), dropping the iterator (e.g.
``break`` out of ``for c in completion(..., stream=True)``, which holds the only
reference), cancelling the task awaiting it, or Ctrl-C during a wait all close the
HTTP request in Rust at once."""

from __future__ import annotations

from typing import Any, Optional

from ._aio import running_loop_and_future
from ._records import ModelResponseStream, records_from_json


class _Batches:
    """What both iterators share: the queue of chunks and the end record."""

    __slots__ = ("_native", "_queue", "_next", "_done", "_end")

    def __init__(self, native: Any) -> None:
        self._native = native
        self._queue: list[ModelResponseStream] = []
        self._next = 0
        self._done = False
        self._end: Optional[dict[str, Any]] = None

    @property
    def timing(self) -> Optional[dict[str, Any]]:
        """The latency record; set when the stream has ended (also after a failure)."""
        return self._end.get("timing") if self._end else None

    @property
    def usage(self) -> Optional[dict[str, Any]]:
        """Final usage (provider-reported, or estimated where the provider sent none)."""
        return self._end.get("usage") if self._end else None

    @property
    def provider(self) -> Optional[str]:
        return self._end.get("provider") if self._end else None

    def close(self) -> None:
        """Stops the stream and closes its HTTP request."""
        self._native.cancel()
        self._finish()

    def _take(self, text: str) -> None:
        items = records_from_json(text)
        if items and items[-1].get("type") == "end":
            self._end = items.pop()
        self._queue = [ModelResponseStream(c) for c in items]
        self._next = 0

    def _finish(self) -> None:
        self._done = True
        self._queue = []
        self._next = 0


class CompletionStream(_Batches):
    """``completion(..., stream=True)``: an iterator of ``chat.completion.chunk``s.
    Waiting releases the GIL."""

    __slots__ = ()

    def __iter__(self) -> CompletionStream:
        return self

    def __next__(self) -> ModelResponseStream:
        i = self._next
        if i < len(self._queue):
            self._next = i + 1
            return self._queue[i]
        while not self._done:
            try:
                text = self._native.next_batch()
            except BaseException:  # the engine's error, or Ctrl-C (the request is closed)
                self._finish()
                raise
            if text is None:
                self._finish()
                break
            self._take(text)
            if self._queue:
                self._next = 1
                return self._queue[0]
        raise StopIteration

    def __enter__(self) -> CompletionStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class AsyncCompletionStream(_Batches):
    """``await acompletion(..., stream=True)``: an async iterator of chunks. The
    loop is woken when a batch arrives; cancelling the awaiting task closes the
    request."""

    __slots__ = ()

    def __aiter__(self) -> AsyncCompletionStream:
        return self

    async def __anext__(self) -> ModelResponseStream:
        i = self._next
        if i < len(self._queue):
            self._next = i + 1
            return self._queue[i]
        while not self._done:
            loop, future = running_loop_and_future()
            self._native.next_batch_into(loop, future)
            try:
                text = await future
            except BaseException:  # the engine's error, or this task was cancelled
                self.close()
                raise
            if text is None:
                self._finish()
                break
            self._take(text)
            if self._queue:
                self._next = 1
                return self._queue[0]
        raise StopAsyncIteration

    async def aclose(self) -> None:
        self.close()

    async def __aenter__(self) -> AsyncCompletionStream:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.close()
