"""gather on Twisted: a plain list of values, and no unhandled-error noise for delivered failures."""

from __future__ import annotations

from typing import Any

import pytest
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure
from tx_helpers import LogEvents, outcome

import txaio


def test_values_arrive_as_a_plain_list_in_input_order() -> None:
    first, second = txaio.create_future(), txaio.create_future()
    seen = outcome(txaio.gather([first, second]))
    txaio.resolve(second, "b")
    assert seen == []
    txaio.resolve(first, "a")
    assert seen == [("ok", ["a", "b"])]


def test_empty_input_gives_an_empty_list() -> None:
    assert outcome(txaio.gather([])) == [("ok", [])]


def test_coroutines_are_accepted() -> None:
    async def work() -> int:
        return 5

    assert outcome(txaio.gather([work(), txaio.create_future_success(6)])) == [("ok", [5, 6])]


def test_consumed_error_puts_the_failure_in_the_list(log_events: LogEvents) -> None:
    good, bad = txaio.create_future(), txaio.create_future()
    seen = outcome(txaio.gather([good, bad], consume_exceptions=True))
    txaio.resolve(good, 1)
    txaio.reject(bad, RuntimeError("x"))
    [(kind, values)] = seen
    assert kind == "ok"
    assert values[0] == 1
    assert isinstance(values[1], Failure) and isinstance(values[1].value, RuntimeError)
    del good, bad
    assert log_events.unhandled() == []


def test_without_consume_it_waits_for_every_input_then_fails_with_the_first_in_input_order(
    log_events: LogEvents,
) -> None:
    """As txaio 26.6.1 and the guide: "waits for the results from all the futures"."""
    first, second, third = txaio.create_future(), txaio.create_future(), txaio.create_future()
    seen = outcome(txaio.gather([first, second, third], consume_exceptions=False))
    txaio.reject(third, RuntimeError("failed first, but is third"))
    assert seen == []
    error = RuntimeError("second in input order")
    txaio.reject(second, error)
    assert seen == []
    txaio.resolve(first, 1)
    [(kind, fail)] = seen
    assert kind == "fail"
    assert isinstance(fail, Failure)
    assert fail.value is error
    del first, second, third
    assert log_events.unhandled() == []


def test_an_inputs_own_later_callbacks_get_none_once_gather_took_its_failure() -> None:
    """gather hands each input's failure to its result, so later callbacks on the input see None."""
    bad = txaio.create_future()
    outcome(txaio.gather([bad], consume_exceptions=False))
    txaio.reject(bad, RuntimeError("taken by gather"))
    assert outcome(bad) == [("ok", None)]


def test_undelivered_failure_of_the_gather_is_still_reported(log_events: LogEvents) -> None:
    bad = txaio.create_future()
    gathered = txaio.gather([bad], consume_exceptions=False)
    txaio.reject(bad, RuntimeError("nobody listened"))
    del gathered, bad
    assert len(log_events.unhandled()) == 1


def test_non_future_input_raises_type_error_and_starts_nothing() -> None:
    ran: list[str] = []

    async def work() -> None:
        ran.append("ran")

    coroutine = work()
    with pytest.raises(TypeError, match="not int"):
        txaio.gather([coroutine, 3])
    assert ran == []
    coroutine.close()


def test_values_from_a_deferred_that_waits_on_another() -> None:
    inner: Deferred[Any] = Deferred()
    outer = txaio.create_future()
    txaio.add_callbacks(outer, lambda _: inner, None)
    seen = outcome(txaio.gather([outer]))
    txaio.resolve(outer, None)
    inner.callback("deep")
    assert seen == [("ok", ["deep"])]
