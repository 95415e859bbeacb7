"""The loopback fake provider (test/fake-provider/, Node) run out of process for
the Python tests: ``node test/fake-provider/cli.mjs`` prints its URL; scripts
travel per request in the ``x-fake-script`` header or through its control API.
Only 127.0.0.1; each server is stopped by the test session that started it."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[3]
CLI = Path(os.environ.get("EQ_FAKE_PROVIDER_CLI", REPO / "test" / "fake-provider" / "cli.mjs"))


class FakeProvider:
    def __init__(self) -> None:
        if not CLI.exists():
            raise RuntimeError(f"fake provider not found at {CLI}: run the tests from the repository checkout")
        self._proc = subprocess.Popen(
            ["node", str(CLI), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        if not line.startswith("FAKE_PROVIDER_URL="):
            self._proc.kill()
            raise RuntimeError(f"fake provider did not start: {line!r}")
        self.url = line.split("=", 1)[1]
        self.port = int(self.url.rsplit(":", 1)[1])

    def _control(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}/__control/{path}", data=data, method=method)
        req.add_header("content-type", "application/json")
        with urllib.request.urlopen(req, timeout=5) as res:
            text = res.read().decode()
        return json.loads(text) if text else None

    def set_models(self, provider: str, ids: Optional[list[str]]) -> None:
        self._control("PUT", f"models/{provider}", ids)

    def requests(self) -> list[dict[str, Any]]:
        return self._control("GET", "requests")  # type: ignore[no-any-return]

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests() if r.get("provider") and r.get("method") == "POST"]

    def reset(self) -> None:
        self._control("POST", "reset")

    def close(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def server_sockets(port: int) -> int:
    """Established server-side connections on ``port``, read from the kernel's
    socket table: a connection leaves ESTABLISHED the moment the client (the
    engine, in Rust) closes it."""
    with open("/proc/net/tcp") as table:
        rows = table.read().splitlines()[1:]
    suffix = f":{port:04X}"
    return sum(1 for r in rows if (cols := r.split()) and cols[1].endswith(suffix) and cols[3] == "01")
