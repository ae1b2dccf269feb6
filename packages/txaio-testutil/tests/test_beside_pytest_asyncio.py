"""The asyncio virtual clock inside a test that pytest-asyncio runs in its own loop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from txaio.testutil import VirtualClock, virtual_clock

pytest.importorskip("pytest_asyncio")


@pytest.fixture
def aio_clock() -> Iterator[VirtualClock]:
    with virtual_clock("asyncio") as installed:
        yield installed


@pytest.mark.asyncio
async def test_asyncio_advance_works_inside_an_async_test(aio_clock: VirtualClock) -> None:
    """pytest-asyncio runs this test in its own loop; the virtual one still advances."""
    outer = asyncio.get_running_loop()
    assert outer is not aio_clock.loop
    seen: list[float] = []
    aio_clock.loop.call_later(1, lambda: seen.append(aio_clock.now()))
    aio_clock.advance(1)
    assert seen == [1.0]
    assert asyncio.get_running_loop() is outer
    await asyncio.sleep(0)
