"""gather on Twisted: Failures in the list, no unhandled-error noise for delivered failures.

What every framework agrees on is tested once in
tests-integration/conformance/test_gather.py.
"""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure
from tx_helpers import LogEvents

import txaio
from txaio.testutil import assert_no_result, failure_of, result_of


def test_consumed_error_puts_the_failure_in_the_list(log_events: LogEvents) -> None:
    good, bad = txaio.create_future(), txaio.create_future()
    gathered = txaio.gather([good, bad], consume_exceptions=True)
    txaio.resolve(good, 1)
    txaio.reject(bad, RuntimeError("x"))
    values = result_of(gathered)
    assert values[0] == 1
    assert isinstance(values[1], Failure) and isinstance(values[1].value, RuntimeError)
    del good, bad
    assert log_events.unhandled() == []


def test_without_consume_it_waits_for_every_input_then_fails_with_the_first_in_input_order(
    log_events: LogEvents,
) -> None:
    """As txaio 26.6.1 and the guide: "waits for the results from all the futures"."""
    first, second, third = txaio.create_future(), txaio.create_future(), txaio.create_future()
    gathered = txaio.gather([first, second, third], consume_exceptions=False)
    txaio.reject(third, RuntimeError("failed first, but is third"))
    assert_no_result(gathered)
    error = RuntimeError("second in input order")
    txaio.reject(second, error)
    assert_no_result(gathered)
    txaio.resolve(first, 1)
    fail = failure_of(gathered)
    assert isinstance(fail, Failure)
    assert fail.value is error
    del first, second, third
    assert log_events.unhandled() == []


def test_an_inputs_own_later_callbacks_get_none_once_gather_took_its_failure() -> None:
    """gather hands each input's failure to its result, so later callbacks on the input see None."""
    bad = txaio.create_future()
    gathered = txaio.gather([bad], consume_exceptions=False)
    txaio.reject(bad, RuntimeError("taken by gather"))
    assert result_of(bad) is None
    failure_of(gathered, RuntimeError)


def test_undelivered_failure_of_the_gather_is_still_reported(log_events: LogEvents) -> None:
    bad = txaio.create_future()
    gathered = txaio.gather([bad], consume_exceptions=False)
    txaio.reject(bad, RuntimeError("nobody listened"))
    del gathered, bad
    assert len(log_events.unhandled()) == 1


def test_values_from_a_deferred_that_waits_on_another() -> None:
    inner: Deferred[Any] = Deferred()
    outer = txaio.create_future()
    txaio.add_callbacks(outer, lambda _: inner, None)
    gathered = txaio.gather([outer])
    txaio.resolve(outer, None)
    inner.callback("deep")
    assert result_of(gathered) == ["deep"]
