"""The batched-timer engine, driven by a fake clock."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fakes import FakeClock, engine_hooks

from txaio._core.batched import BatchedTimer
from txaio.interfaces import IBatchedTimer


def make_timer(clock: FakeClock, bucket: float = 0.2, chunk: int = 100) -> tuple[BatchedTimer, list[BaseException]]:
    errors: list[BaseException] = []
    timer = BatchedTimer(bucket, chunk, **engine_hooks(clock, errors.append))  # type: ignore[arg-type]
    return timer, errors


def test_is_an_ibatchedtimer(clock: FakeClock) -> None:
    timer, _ = make_timer(clock)
    assert isinstance(timer, IBatchedTimer)


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.21, 0.6, 1.0, 1.37, 5.0])
@pytest.mark.parametrize("start", [0.0, 0.13, 7.9])
def test_fires_no_earlier_than_its_delay_and_within_one_bucket(clock: FakeClock, delay: float, start: float) -> None:
    clock.now = start
    timer, _ = make_timer(clock, bucket=0.2)
    fired_at: list[float] = []
    timer.call_later(delay, lambda: fired_at.append(clock.now))
    clock.advance(delay + 0.2 + 1e-9)
    assert len(fired_at) == 1
    assert start + delay <= fired_at[0] <= start + delay + 0.2 + 1e-9


def test_sub_second_delays_are_not_floored(clock: FakeClock) -> None:
    timer, _ = make_timer(clock, bucket=0.1)
    fired: list[str] = []
    timer.call_later(0.35, fired.append, "late")
    clock.advance(0.34)
    assert fired == []
    clock.advance(0.11)
    assert fired == ["late"]


def test_timers_in_one_bucket_share_one_real_call(clock: FakeClock) -> None:
    timer, _ = make_timer(clock, bucket=1.0)
    for index in range(50):
        timer.call_later(0.5 + index / 1000, lambda: None)
    assert len(clock.live_calls()) == 1
    assert timer.pending() == 50


def test_arguments_reach_the_call(clock: FakeClock) -> None:
    timer, _ = make_timer(clock)
    seen: list[Any] = []
    timer.call_later(0.1, lambda *a, **k: seen.append((a, k)), 1, 2, key="word")
    clock.advance(1)
    assert seen == [((1, 2), {"key": "word"})]


def test_cancel_stops_the_call_and_drops_an_empty_bucket(clock: FakeClock) -> None:
    timer, _ = make_timer(clock)
    fired: list[int] = []
    call = timer.call_later(0.5, fired.append, 1)
    assert call.active()
    call.cancel()
    assert not call.active()
    assert clock.live_calls() == [], "the real delayed call of an empty bucket is cancelled"
    call.cancel()
    clock.advance(2)
    assert fired == []


def test_cancel_after_firing_is_harmless(clock: FakeClock) -> None:
    timer, _ = make_timer(clock)
    fired: list[int] = []
    call = timer.call_later(0.1, fired.append, 1)
    clock.advance(1)
    call.cancel()
    call.cancel()
    assert fired == [1]


def test_cancel_during_delivery_of_its_bucket_is_honoured(clock: FakeClock) -> None:
    timer, _ = make_timer(clock, chunk=2)
    fired: list[int] = []
    calls: list[Any] = []

    def first() -> None:
        fired.append(0)
        calls[3].cancel()  # in a later chunk of the same bucket

    calls.append(timer.call_later(0.1, first))
    for index in range(1, 5):
        calls.append(timer.call_later(0.1, fired.append, index))
    clock.advance(1)
    assert fired == [0, 1, 2, 4]


def test_cancel_of_one_timer_keeps_the_others(clock: FakeClock) -> None:
    timer, _ = make_timer(clock)
    fired: list[int] = []
    keep = timer.call_later(0.1, fired.append, 1)
    drop = timer.call_later(0.1, fired.append, 2)
    drop.cancel()
    clock.advance(1)
    assert fired == [1] and not keep.active()


class _NotAnException(BaseException):
    """A BaseException that is not an Exception, as asyncio's CancelledError is."""


@pytest.mark.parametrize("kind", [ZeroDivisionError, GeneratorExit, _NotAnException, asyncio.CancelledError])
def test_an_exception_does_not_stop_the_bucket_and_is_reported(clock: FakeClock, kind: type[BaseException]) -> None:
    """Any BaseException but KeyboardInterrupt and SystemExit (see below) is reported, and the rest run."""
    timer, errors = make_timer(clock)
    fired: list[int] = []

    def boom() -> None:
        raise kind("boom")

    timer.call_later(0.1, fired.append, 1)
    timer.call_later(0.1, boom)
    timer.call_later(0.1, fired.append, 2)
    clock.advance(1)
    assert fired == [1, 2]
    assert [type(error) for error in errors] == [kind]
    assert errors[0].__traceback__ is not None


def test_large_buckets_are_delivered_in_chunks_with_the_loop_in_between(clock: FakeClock) -> None:
    timer, _ = make_timer(clock, chunk=10)
    fired: list[int] = []
    for index in range(35):
        timer.call_later(0.1, fired.append, index)
    clock.advance(1)
    assert fired == list(range(35))
    follow_ups = [call for call in clock.calls[1:] if call.when == clock.calls[0].when]
    assert len(clock.calls) == 1 + 3 and len(follow_ups) == 3, "one bucket call, then three chunks at once"


def test_a_timer_added_during_delivery_goes_to_a_new_bucket(clock: FakeClock) -> None:
    timer, _ = make_timer(clock)
    fired: list[str] = []
    timer.call_later(0.1, lambda: timer.call_later(0.1, fired.append, "second"))
    clock.advance(0.25)
    assert fired == []
    clock.advance(0.3)
    assert fired == ["second"]


@pytest.mark.parametrize(
    ("bucket", "chunk", "error"),
    [
        (0, 100, ValueError),
        (-1, 100, ValueError),
        (float("nan"), 100, ValueError),
        ("1", 100, TypeError),
        (True, 100, TypeError),
        (1, 0, ValueError),
        (1, 1.5, TypeError),
    ],
)
def test_bad_construction_is_a_clear_error(clock: FakeClock, bucket: Any, chunk: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"bucket_seconds|chunk_size"):
        BatchedTimer(bucket, chunk, **engine_hooks(clock, print))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("delay", "error", "message"),
    [
        (float("nan"), ValueError, "a finite delay in seconds, not nan"),
        (float("inf"), ValueError, "a finite delay in seconds, not inf"),
        (float("-inf"), ValueError, "a finite delay in seconds, not -inf"),
        ("1", TypeError, "the delay as a number of seconds, not str '1'"),
        (None, TypeError, "the delay as a number of seconds, not NoneType None"),
    ],
)
def test_bad_delay_is_a_clear_error_and_schedules_nothing(
    clock: FakeClock, delay: Any, error: type[Exception], message: str
) -> None:
    timer, _ = make_timer(clock)
    with pytest.raises(error, match=rf"BatchedTimer.call_later\(\) needs {message}"):
        timer.call_later(delay, lambda: None)
    assert clock.calls == [] and timer.pending() == 0


@pytest.mark.parametrize("delay", [-0.003, -1, -5.0])
def test_a_negative_delay_means_as_soon_as_possible(clock: FakeClock, delay: float) -> None:
    """A deadline computed a moment late: the call goes to the current bucket, as a delay of 0 does."""
    timer, _ = make_timer(clock)
    clock.advance(0.05)
    fired: list[float] = []
    timer.call_later(delay, lambda: fired.append(clock.now))
    clock.advance(0.2)
    assert fired == [pytest.approx(0.2)]


def test_non_callable_is_a_clear_error(clock: FakeClock) -> None:
    timer, _ = make_timer(clock)
    with pytest.raises(TypeError, match=r"needs a callable to call later, not str 'not callable'"):
        timer.call_later(1, "not callable")  # type: ignore[arg-type]
    assert clock.calls == []


@pytest.mark.parametrize("kind", [KeyboardInterrupt, SystemExit])
def test_keyboard_interrupt_and_system_exit_propagate_and_lose_no_other_call(clock: FakeClock, kind: type) -> None:
    timer, errors = make_timer(clock, chunk=2)
    fired: list[int] = []

    def stop() -> None:
        raise kind()

    for index in range(3):
        timer.call_later(0.1, fired.append, index)
    timer.call_later(0.1, stop)
    for index in range(3, 6):
        timer.call_later(0.1, fired.append, index)
    with pytest.raises(kind):
        clock.advance(1)
    assert fired == [0, 1, 2]
    clock.advance(1)
    assert fired == [0, 1, 2, 3, 4, 5] and errors == []
