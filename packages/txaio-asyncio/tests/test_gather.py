"""gather on asyncio: the gathered future lives on the configured loop and schedules nothing for bad input.

What every framework agrees on is tested once in
tests-integration/conformance/test_gather.py (and test_by_nature.py).
"""

from __future__ import annotations

import asyncio

import pytest

import txaio
from txaio.testutil import VirtualClock, result_of


def test_an_empty_list_gives_an_empty_result_on_the_configured_loop(clock: VirtualClock) -> None:
    g = txaio.gather([])
    assert g.get_loop() is clock.loop
    assert result_of(g) == []


def test_a_bad_input_schedules_no_task(clock: VirtualClock) -> None:
    async def work() -> None:
        pass

    coroutine = work()
    try:
        with pytest.raises(TypeError, match="futures and coroutines, not int"):
            txaio.gather([coroutine, 5])
        clock.advance()
        assert asyncio.all_tasks(clock.loop) == set()
    finally:
        coroutine.close()
