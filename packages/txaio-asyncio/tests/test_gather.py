"""gather on asyncio: results in input order; what a consumed error leaves in the list."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import txaio
from txaio.testutil import VirtualClock


def test_results_come_in_input_order(clock: VirtualClock) -> None:
    first, second = txaio.create_future(), txaio.create_future()
    g = txaio.gather([first, second])
    txaio.resolve(second, "b")
    txaio.resolve(first, "a")
    clock.advance()
    assert g.result() == ["a", "b"]


def test_a_consumed_error_leaves_the_exception_itself(clock: VirtualClock) -> None:
    error = RuntimeError("x")
    g = txaio.gather([txaio.create_future_success(1), txaio.create_future_error(error)])
    clock.advance()
    assert g.result() == [1, error]


def test_without_consuming_the_first_error_fails_the_whole(clock: VirtualClock) -> None:
    error = RuntimeError("x")
    g = txaio.gather([txaio.create_future_error(error), txaio.create_future()], consume_exceptions=False)
    failures: list[Any] = []
    txaio.add_callbacks(g, None, failures.append)
    clock.advance()
    assert [f.value for f in failures] == [error]


def test_an_empty_list_gives_an_empty_result_on_the_configured_loop(clock: VirtualClock) -> None:
    g = txaio.gather([])
    assert g.get_loop() is clock.loop
    assert g.result() == []


def test_coroutines_are_scheduled_on_the_configured_loop(clock: VirtualClock) -> None:
    async def one() -> int:
        await asyncio.sleep(0.5)
        return 1

    g = txaio.gather(iter([one(), txaio.create_future_success(2)]))
    clock.advance(0.5)
    assert g.result() == [1, 2]


def test_a_bad_input_is_refused_before_anything_is_scheduled(clock: VirtualClock) -> None:
    ran: list[str] = []

    async def work() -> None:
        ran.append("ran")

    coroutine = work()
    with pytest.raises(TypeError, match="futures and coroutines, not int"):
        txaio.gather([coroutine, 5])
    clock.advance()
    assert ran == []
    assert asyncio.all_tasks(clock.loop) == set()
    coroutine.close()
