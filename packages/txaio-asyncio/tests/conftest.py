"""Fixtures of txaio-asyncio's tests: asyncio selected per test, and a virtual-time loop.

Each test runs with asyncio selected through txaio.testutil and puts the
previous selection back, so the tests also run beside other packages'.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from txaio.testutil import VirtualClock, use_framework, virtual_clock


@pytest.fixture(autouse=True)
def asyncio_selected() -> Iterator[None]:
    """Every test starts with asyncio selected."""
    with use_framework("asyncio"):
        yield


@pytest.fixture
def clock(asyncio_selected: None) -> Iterator[VirtualClock]:
    """A virtual-time event loop installed as ``txaio.config.loop``."""
    with virtual_clock("asyncio") as installed:
        yield installed
