"""A child forked after the engine made a call is refused at its first call, by
name and with what to do (its threads and connections stayed in the parent); a
child forked before any call works."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this OS")

CHILD = textwrap.dedent(
    """
    import os, sys, edgequake_python as litellm
    call = lambda: litellm.completion(model="openai/m", messages=[{"role": "user", "content": "x"}], mock_response="ok")
    if sys.argv[1] == "after":
        call()
    pid = os.fork()
    if pid == 0:
        try:
            print("child", call().choices[0].message.content, flush=True)
            code = 0
        except litellm.ForkedProcessError as err:
            print("refused", "spawn" in str(err), isinstance(err, RuntimeError), flush=True)
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    print("parent", call().choices[0].message.content, os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
    """
)


def run(when: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", CHILD, when], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.split("\n")


def test_a_child_forked_after_a_call_is_refused_clearly():
    lines = run("after")
    assert lines[0] == "refused True True"
    assert lines[1] == "parent ok 3", "the parent keeps working"


def test_a_child_forked_before_any_call_works():
    lines = run("before")
    assert lines[0] == "child ok"
    assert lines[1] == "parent ok 0"
