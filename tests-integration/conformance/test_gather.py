"""gather on every framework: one future of all results, in input order."""

from __future__ import annotations

from typing import Any

import txaio


def test_results_come_in_input_order(txaio_clock: Any, watch: Any) -> None:
    first, second, third = txaio.create_future(), txaio.create_future(), txaio.create_future()
    seen = watch(txaio.gather([first, second, third]))
    txaio.resolve(third, "c")
    txaio.resolve(first, "a")
    txaio_clock.advance()
    assert seen == []
    txaio.resolve(second, "b")
    txaio_clock.advance()
    assert seen == [("ok", ["a", "b", "c"])]


def test_an_empty_list(txaio_clock: Any, watch: Any) -> None:
    seen = watch(txaio.gather([]))
    txaio_clock.advance()
    assert seen == [("ok", [])]


def test_a_consumed_error_keeps_its_place_and_the_rest_succeeds(txaio_clock: Any, watch: Any) -> None:
    error = RuntimeError("x")
    seen = watch(txaio.gather([txaio.create_future_success(1), txaio.create_future_error(error)]))
    txaio_clock.advance()
    [(kind, results)] = seen
    assert kind == "ok"
    assert results[0] == 1
    # asyncio puts the exception itself there, Twisted a Failure (see the asyncio README).
    assert error in (results[1], getattr(results[1], "value", None))


def test_without_consuming_successes_still_gather(txaio_clock: Any, watch: Any) -> None:
    futures = [txaio.create_future() for _ in range(3)]
    seen = watch(txaio.gather(futures, consume_exceptions=False))
    for i, f in enumerate(futures):
        txaio.resolve(f, i)
    txaio_clock.advance()
    assert seen == [("ok", [0, 1, 2])]


def test_gathering_coroutine_results(txaio_clock: Any, watch: Any) -> None:
    async def slow(value: int) -> int:
        await txaio.sleep(value)
        return value

    seen = watch(txaio.gather([txaio.as_future(slow, 2), txaio.as_future(slow, 1)]))
    txaio_clock.advance(1)
    assert seen == []
    txaio_clock.advance(1)
    assert seen == [("ok", [2, 1])]


def test_without_consuming_an_error_fails_the_whole(txaio_clock: Any, watch: Any) -> None:
    """asyncio fails at the first error, Twisted once every input is done (as 26.6.1 on each)."""
    error = RuntimeError("first")
    pending = txaio.create_future()
    seen = watch(txaio.gather([txaio.create_future_error(error), pending], consume_exceptions=False))
    txaio_clock.advance()
    txaio.resolve(pending, "late")
    txaio_clock.advance()
    [(kind, fail)] = seen
    assert kind == "err"
    assert fail.value is error
