"""Where a call run for asyncio lands: the binding hands the outcome to the event
loop with ``loop.call_soon_threadsafe(deliver, future, ok, value)`` (see
``native/python/src/aio.rs``), which wakes the loop; no polling anywhere."""

from __future__ import annotations

from typing import Any, Optional

from ._errors import from_native


def deliver(future: Any, ok: bool, value: Optional[str]) -> None:
    """Settles ``future`` with the call's text, or its typed error."""
    if future.done():  # cancelled while the engine was finishing
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(from_native(value or "{}"))


def running_loop_and_future() -> tuple[Any, Any]:
    """The running loop and a fresh future on it. ``asyncio`` is imported here, not
    at the package's import: a program that awaits has loaded it already, and one
    that does not never pays for it."""
    import asyncio

    loop = asyncio.get_running_loop()
    return loop, loop.create_future()
