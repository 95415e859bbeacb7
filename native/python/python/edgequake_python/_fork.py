"""The engine's threads (its tokio runtime) and its pooled connections stay in the
process that started them: a child made by ``os.fork()`` after a call would wait
forever on them. Such a child is told so at its first call instead. A child forked
before any call, or started with multiprocessing's "spawn" or "forkserver", is fine."""

from __future__ import annotations

import os

from . import _eq_core
from ._errors import EdgeQuakeLLMError


class ForkedProcessError(EdgeQuakeLLMError, RuntimeError):
    """This process was forked after edgequake_python made a call."""


_forked_after_use = False


def _after_fork_in_child() -> None:
    global _forked_after_use
    _forked_after_use = _forked_after_use or _eq_core.runtime_started()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


def check_not_forked() -> None:
    if _forked_after_use:
        raise ForkedProcessError(
            "this process was forked (os.fork, multiprocessing's 'fork' start method) after edgequake_python "
            "made a call, and the engine's threads and connections stay in the parent: make the calls in the "
            "child only, or start children with multiprocessing.get_context('spawn')"
        )
