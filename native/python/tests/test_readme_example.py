"""The README's Python examples run as written, with no network (mock_response)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def first_python_block(path: Path) -> str:
    match = re.search(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    assert match, f"no python example in {path}"
    return match.group(1)


def test_pypi_readme_example_streams_with_no_network(capsys):
    exec(first_python_block(ROOT / "native/python/README_PYPI.md"), {})  # noqa: S102 - our own README
    out = capsys.readouterr().out
    assert "Hello! Hello!" in out
    assert "Hello from a mock, streamed token by token." in out
    assert "TTFT" in out


def test_repository_readme_example_streams_with_no_network(capsys):
    exec(first_python_block(ROOT / "README.md"), {})  # noqa: S102
    assert "Hello from a mock, streamed token by token." in capsys.readouterr().out
