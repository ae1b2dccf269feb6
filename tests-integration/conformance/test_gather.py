"""gather on every framework: one future of all results, in input order.

Awaiting gather over coroutines is in test_async_style.py.
"""

from __future__ import annotations

from typing import Any

import pytest

import txaio
from txaio.testutil import assert_no_result, failure_of, result_of


def test_results_come_in_input_order(txaio_clock: Any) -> None:
    first, second, third = txaio.create_future(), txaio.create_future(), txaio.create_future()
    g = txaio.gather([first, second, third])
    txaio.resolve(third, "c")
    txaio.resolve(first, "a")
    txaio_clock.advance()
    assert_no_result(g)
    txaio.resolve(second, "b")
    txaio_clock.advance()
    assert result_of(g) == ["a", "b", "c"]


def test_an_empty_list(txaio_clock: Any) -> None:
    g = txaio.gather([])
    txaio_clock.advance()
    assert result_of(g) == []


def test_a_consumed_error_keeps_its_place_and_the_rest_succeeds(txaio_clock: Any) -> None:
    error = RuntimeError("x")
    g = txaio.gather([txaio.create_future_success(1), txaio.create_future_error(error)])
    txaio_clock.advance()
    results = result_of(g)
    assert results[0] == 1
    # asyncio puts the exception itself there, Twisted a Failure (see test_by_nature).
    assert error in (results[1], getattr(results[1], "value", None))


def test_without_consuming_successes_still_gather(txaio_clock: Any) -> None:
    futures = [txaio.create_future() for _ in range(3)]
    g = txaio.gather(futures, consume_exceptions=False)
    for i, f in enumerate(futures):
        txaio.resolve(f, i)
    txaio_clock.advance()
    assert result_of(g) == [0, 1, 2]


def test_gather_takes_coroutines_and_any_iterable(txaio_clock: Any) -> None:
    async def one() -> int:
        await txaio.sleep(0.5)
        return 1

    g = txaio.gather(iter([one(), txaio.create_future_success(2)]))
    txaio_clock.advance(0.5)
    assert result_of(g) == [1, 2]


def test_without_consuming_an_error_fails_the_whole(txaio_clock: Any) -> None:
    """asyncio fails at the first error, Twisted once every input is done (as 26.6.1 on each)."""
    error = RuntimeError("first")
    pending = txaio.create_future()
    g = txaio.gather([txaio.create_future_error(error), pending], consume_exceptions=False)
    txaio_clock.advance()
    txaio.resolve(pending, "late")
    txaio_clock.advance()
    assert failure_of(g).value is error


def test_a_bad_input_is_refused_before_anything_runs(txaio_clock: Any) -> None:
    ran: list[str] = []

    async def work() -> None:
        ran.append("ran")

    coroutine = work()
    try:
        with pytest.raises(TypeError, match=r"gather\(\) takes .* not int"):
            txaio.gather([coroutine, 5])
        txaio_clock.advance(1)
        assert ran == []
    finally:
        coroutine.close()


def test_a_repeated_input_gives_its_result_at_each_place(txaio_clock: Any) -> None:
    first, second = txaio.create_future(), txaio.create_future()
    g = txaio.gather([first, second, first])
    txaio.resolve(first, "a")
    txaio.resolve(second, "b")
    txaio_clock.advance()
    assert result_of(g) == ["a", "b", "a"]


def test_inputs_already_resolved_gather_in_input_order(txaio_clock: Any) -> None:
    futures = [txaio.create_future_success(i) for i in range(5)]
    g = txaio.gather(futures)
    txaio_clock.advance()
    assert result_of(g) == [0, 1, 2, 3, 4]


def test_cancelling_the_gathered_future_cancels_every_pending_input(txaio_clock: Any) -> None:
    """What the gathered future then holds differs by nature (asyncio: CancelledError; Twisted: the list)."""
    done, pending, other = txaio.create_future_success(1), txaio.create_future(), txaio.create_future()
    g = txaio.gather([done, pending, other])
    txaio.cancel(g)
    txaio_clock.advance()
    assert txaio.is_called(pending)
    assert txaio.is_called(other)
    assert txaio.is_called(g)
    assert result_of(done) == 1
