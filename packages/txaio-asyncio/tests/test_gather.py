"""gather on asyncio: the gathered future lives on the configured loop and schedules nothing for bad input.

What every framework agrees on is tested once in
tests-integration/conformance/test_gather.py (and test_by_nature.py).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

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


def test_the_gathering_module_loads_at_the_first_gather_not_at_start_up() -> None:
    code = (
        "import asyncio, sys, txaio\n"
        "txaio.use_asyncio()\n"
        "print('txaio.aio._gathering' in sys.modules)\n"
        "loop = asyncio.new_event_loop()\n"
        "txaio.config.loop = loop\n"
        "f = loop.create_future()\n"
        "f.set_result(1)\n"
        "print(loop.run_until_complete(txaio.gather([f])), 'txaio.aio._gathering' in sys.modules)\n"
        "print(loop.run_until_complete(txaio.gather([f, f])))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.splitlines() == ["False", "[1] True", "[1, 1]"]
