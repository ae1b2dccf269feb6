"""as_future on asyncio: coroutines become Tasks on the configured loop.

What every framework agrees on is tested once in
tests-integration/conformance/test_as_future.py.
"""

from __future__ import annotations

import asyncio

import txaio
from txaio.testutil import VirtualClock, result_of


def test_a_coroutine_function_is_scheduled_on_the_configured_loop(clock: VirtualClock) -> None:
    async def work(x: int) -> int:
        await asyncio.sleep(1)
        return x * 2

    f = txaio.as_future(work, 21)
    assert isinstance(f, asyncio.Task)
    assert f.get_loop() is clock.loop
    clock.advance(1)
    assert result_of(f) == 42


def test_a_plain_value_is_resolved_at_once(clock: VirtualClock) -> None:
    f = txaio.as_future(lambda: 3)
    assert isinstance(f, asyncio.Future)
    assert f.done()
