"""The API as ``async def`` code uses it, on every framework (txaio-testutil runs each test per framework).

The same behaviours as the callback-style files, where awaiting reads better;
on ``txaio_clock`` time jumps to the next timer while a test waits.
"""

from __future__ import annotations

from typing import Any

import pytest

import txaio
from txaio.testutil import assert_no_result, failure_of, result_of


async def test_awaiting_as_future_of_a_coroutine_function(txaio_clock: Any) -> None:
    async def double(x: int) -> int:
        await txaio.sleep(1)
        return x * 2

    assert await txaio.as_future(double, 21) == 42
    assert txaio_clock.now() == 1


async def test_sleep_takes_virtual_time_only(txaio_clock: Any) -> None:
    fired: list[float] = []
    txaio.call_later(30, lambda: fired.append(txaio_clock.now()))
    await txaio.sleep(29)
    assert fired == []
    await txaio.sleep(1)
    assert fired == [30.0]


async def test_gather_in_input_order(txaio_clock: Any) -> None:
    async def after(delay: float, value: str) -> str:
        await txaio.sleep(delay)
        return value

    results = await txaio.gather([txaio.as_future(after, 3, "slow"), txaio.as_future(after, 1, "fast")])
    assert results == ["slow", "fast"]
    assert txaio_clock.now() == 3


async def test_a_rejected_future_raises_where_it_is_awaited(txaio_clock: Any) -> None:
    future = txaio.create_future()
    txaio.call_later(1, txaio.reject, future, KeyError("gone"))
    with pytest.raises(KeyError, match="gone"):
        await future


async def test_a_resolved_future_reads_with_result_of(txaio_clock: Any) -> None:
    future = txaio.create_future()
    assert_no_result(future)
    txaio.call_later(2, txaio.resolve, future, "done")
    await txaio.sleep(2)
    assert result_of(future) == "done"


async def test_a_failing_coroutine_reads_with_failure_of(txaio_clock: Any) -> None:
    async def broken() -> None:
        await txaio.sleep(1)
        raise ValueError("inside")

    future = txaio.as_future(broken)
    await txaio.sleep(2)
    assert str(failure_of(future, ValueError).value) == "inside"


async def test_on_the_real_loop_or_reactor(txaio_framework: str) -> None:
    assert await txaio.as_future(lambda: txaio_framework) == txaio_framework
    await txaio.sleep(0.001)
