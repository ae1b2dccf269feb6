"""Batched timers on Twisted: buckets on the configured reactor, errors logged with tracebacks."""

from __future__ import annotations

import pytest
from twisted.internet.task import Clock
from twisted.logger import LogLevel
from tx_helpers import LogEvents

import txaio


def test_calls_fire_no_earlier_than_asked_and_within_one_bucket(clock: Clock) -> None:
    timer = txaio.make_batched_timer(0.2)
    fired: list[float] = []
    timer.call_later(0.5, lambda: fired.append(clock.seconds()))
    clock.advance(0.49)
    assert fired == []
    clock.advance(0.2)
    assert len(fired) == 1
    assert 0.5 <= fired[0] <= 0.7


def test_one_real_delayed_call_per_bucket(clock: Clock) -> None:
    timer = txaio.make_batched_timer(1)
    for n in range(10):
        timer.call_later(0.5 + n / 100, lambda: None)
    assert len(clock.getDelayedCalls()) == 1


def test_bucket_seconds_keyword_and_chunk_size(clock: Clock) -> None:
    timer = txaio.make_batched_timer(bucket_seconds=1, chunk_size=2)
    fired: list[int] = []
    for n in range(5):
        timer.call_later(1, fired.append, n)
    clock.advance(1)  # task.Clock also runs the chunks the first one schedules for now
    assert fired == [0, 1, 2, 3, 4]
    assert timer.chunk_size == 2


def test_cancel_stops_a_call(clock: Clock) -> None:
    timer = txaio.make_batched_timer(1)
    fired: list[str] = []
    call = timer.call_later(1, fired.append, "no")
    timer.call_later(1, fired.append, "yes")
    call.cancel()
    call.cancel()
    clock.advance(2)
    assert fired == ["yes"]


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


@pytest.mark.parametrize("bucket", [0, -1, "1"])
def test_bad_bucket_seconds_raises(clock: Clock, bucket: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        txaio.make_batched_timer(bucket)  # type: ignore[arg-type]
    assert clock.getDelayedCalls() == []
