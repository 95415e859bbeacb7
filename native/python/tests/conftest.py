import os
import sys
from typing import Iterator

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from fake_provider import FakeProvider  # noqa: E402


@pytest.fixture(scope="session")
def fake() -> Iterator[FakeProvider]:
    """One fake provider for the session."""
    server = FakeProvider()
    yield server
    server.close()


@pytest.fixture
def private_fake() -> Iterator[FakeProvider]:
    """A fake of the test's own, for counting its connections."""
    server = FakeProvider()
    yield server
    server.close()
