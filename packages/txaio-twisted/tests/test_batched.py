"""Batched timers on Twisted: buckets on the configured reactor, errors logged with tracebacks.

What every framework agrees on is tested once in
tests-integration/conformance/test_timers.py.
"""

from __future__ import annotations

from twisted.internet.task import Clock
from twisted.logger import LogLevel
from tx_helpers import LogEvents

import txaio


def test_one_real_delayed_call_per_bucket(clock: Clock) -> None:
    timer = txaio.make_batched_timer(1)
    for n in range(10):
        timer.call_later(0.5 + n / 100, lambda: None)
    assert len(clock.getDelayedCalls()) == 1


def test_an_error_is_logged_with_its_traceback_and_the_bucket_goes_on(clock: Clock, log_events: LogEvents) -> None:
    timer = txaio.make_batched_timer(1)
    fired: list[str] = []

    def broken() -> None:
        raise RuntimeError("broken timer")

    timer.call_later(1, broken)
    timer.call_later(1, fired.append, "after")
    clock.advance(1)
    assert fired == ["after"]
    [failure] = log_events.failures()
    assert isinstance(failure.value, RuntimeError)
    assert "broken" in txaio.failure_format_traceback(failure)
    [event] = [event for event in log_events if "log_failure" in event]
    assert event["log_level"] is LogLevel.critical


def test_with_config_batched_timer_uses_its_loop(global_clock: Clock) -> None:
    mine = Clock()
    timer = txaio.with_config(loop=mine).make_batched_timer(1)
    fired: list[int] = []
    timer.call_later(1, fired.append, 1)
    mine.advance(1)
    assert fired == [1]
    assert global_clock.getDelayedCalls() == []
