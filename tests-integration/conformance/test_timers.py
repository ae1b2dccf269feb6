"""Timers on every framework: call_later, sleep and batched timers, on the virtual clock."""

from __future__ import annotations

import asyncio
from fractions import Fraction
from typing import Any

import pytest

import txaio
from txaio.testutil import assert_no_result, result_of


def test_call_later_runs_at_its_delay_with_args_and_kwargs(txaio_clock: Any) -> None:
    seen: list[Any] = []
    txaio.call_later(2, lambda *a, **k: seen.append((txaio_clock.now(), a, k)), 1, key="word")
    txaio_clock.advance(1.5)
    assert seen == []
    txaio_clock.advance(0.5)
    assert seen == [(2.0, (1,), {"key": "word"})]


def test_call_later_can_be_cancelled(txaio_clock: Any) -> None:
    seen: list[int] = []
    handle = txaio.call_later(1, seen.append, 1)
    handle.cancel()
    txaio_clock.advance(5)
    assert seen == []


def test_call_later_without_arguments_and_no_delay(txaio_clock: Any) -> None:
    seen: list[str] = []
    txaio.call_later(0, lambda: seen.append("ran"))
    txaio_clock.advance(0)
    assert seen == ["ran"]


def test_sleep_resolves_with_none_after_its_delay(txaio_clock: Any) -> None:
    f = txaio.sleep(0.5)
    txaio_clock.advance(0.49)
    assert_no_result(f)
    txaio_clock.advance(0.01)
    assert result_of(f) is None


@pytest.mark.parametrize(("bucket", "delay"), [(0.2, 0.05), (0.2, 0.2), (0.2, 0.35), (0.2, 2.5), (1.0, 0.3), (1.0, 3)])
def test_a_batched_call_fires_no_earlier_than_its_delay_and_within_one_bucket(
    txaio_clock: Any, bucket: float, delay: float
) -> None:
    timer = txaio.make_batched_timer(bucket)
    fired: list[float] = []
    timer.call_later(delay, lambda: fired.append(txaio_clock.now()))
    txaio_clock.advance(delay + bucket + 0.01)
    [when] = fired
    assert delay - 1e-9 <= when <= delay + bucket + 1e-9


def test_batched_calls_get_their_arguments(txaio_clock: Any) -> None:
    timer = txaio.make_batched_timer(bucket_seconds=0.2, chunk_size=2)
    seen: list[Any] = []
    for i in range(5):
        timer.call_later(0.1, lambda i, key: seen.append((i, key)), i, key="k")
    txaio_clock.advance(0.3)
    assert sorted(seen) == [(i, "k") for i in range(5)]
    assert timer.chunk_size == 2


def test_batched_cancel_is_harmless_when_repeated_or_after_firing(txaio_clock: Any) -> None:
    timer = txaio.make_batched_timer(0.2)
    seen: list[str] = []
    kept = timer.call_later(0.1, seen.append, "kept")
    dropped = timer.call_later(0.1, seen.append, "dropped")
    dropped.cancel()
    dropped.cancel()
    txaio_clock.advance(0.5)
    kept.cancel()
    assert seen == ["kept"]


def test_a_cancel_during_delivery_is_honoured(txaio_clock: Any) -> None:
    timer = txaio.make_batched_timer(0.2, chunk_size=1)
    seen: list[str] = []
    calls: list[Any] = []

    def first() -> None:
        seen.append("first")
        calls[1].cancel()

    calls.append(timer.call_later(0.1, first))
    calls.append(timer.call_later(0.1, seen.append, "second"))
    txaio_clock.advance(0.5)
    assert seen == ["first"]


def test_an_exception_in_one_batched_call_does_not_stop_the_others(txaio_clock: Any) -> None:
    timer = txaio.make_batched_timer(0.2)
    seen: list[str] = []

    def broken() -> None:
        raise KeyError("broken call")

    if txaio.using_asyncio:  # the report goes to the loop's handler; keep it out of the test log
        txaio_clock.loop.set_exception_handler(lambda loop, context: seen.append("reported"))
    timer.call_later(0.1, seen.append, "before")
    timer.call_later(0.1, broken)
    timer.call_later(0.1, seen.append, "after")
    txaio_clock.advance(0.5)
    assert [s for s in seen if s != "reported"] == ["before", "after"]


@pytest.mark.parametrize(("bucket", "chunk"), [(0, 100), (-0.2, 100), (0.2, 0)])
def test_bad_batched_timer_arguments_are_refused(txaio_clock: Any, bucket: float, chunk: int) -> None:
    with pytest.raises(ValueError):
        txaio.make_batched_timer(bucket, chunk)


def test_a_bucket_that_is_not_a_number_is_refused(txaio_clock: Any) -> None:
    with pytest.raises(TypeError):
        txaio.make_batched_timer("1")  # type: ignore[arg-type]


class _NotAnException(BaseException):
    """A BaseException that is not an Exception, as asyncio's CancelledError is."""


@pytest.mark.parametrize("kind", [asyncio.CancelledError, GeneratorExit, _NotAnException])
def test_a_base_exception_in_one_batched_call_does_not_stop_the_others_and_is_reported(
    txaio_clock: Any, kind: type[BaseException]
) -> None:
    timer = txaio.make_batched_timer(0.2)
    seen: list[str] = []
    reported: list[BaseException] = []
    if txaio.using_asyncio:
        txaio_clock.loop.set_exception_handler(lambda loop, context: reported.append(context["exception"]))
    else:
        from twisted.logger import globalLogPublisher

        def observer(event: dict[str, Any]) -> None:
            if "log_failure" in event:
                reported.append(event["log_failure"].value)

        globalLogPublisher.addObserver(observer)

    def broken() -> None:
        raise kind("broken call")

    try:
        timer.call_later(0.1, seen.append, "before")
        timer.call_later(0.1, broken)
        timer.call_later(0.1, seen.append, "after")
        txaio_clock.advance(0.5)
    finally:
        if not txaio.using_asyncio:
            globalLogPublisher.removeObserver(observer)
    assert seen == ["before", "after"]
    assert [type(error) for error in reported] == [kind]


@pytest.mark.parametrize("kind", [KeyboardInterrupt, SystemExit])
def test_keyboard_interrupt_in_a_batched_call_propagates_and_the_rest_run_later(
    txaio_clock: Any, kind: type[BaseException]
) -> None:
    timer = txaio.make_batched_timer(0.2, chunk_size=2)
    seen: list[int] = []

    def stop() -> None:
        raise kind()

    timer.call_later(0.1, seen.append, 1)
    timer.call_later(0.1, stop)
    timer.call_later(0.1, seen.append, 2)
    timer.call_later(0.1, seen.append, 3)
    with pytest.raises(kind):
        txaio_clock.advance(0.5)
    txaio_clock.advance(0.5)
    assert seen == [1, 2, 3]


@pytest.mark.parametrize("delay", [-0.003, -2])
def test_a_negative_batched_delay_means_as_soon_as_possible(txaio_clock: Any, delay: float) -> None:
    timer = txaio.make_batched_timer(0.2)
    fired: list[float] = []
    timer.call_later(delay, lambda: fired.append(txaio_clock.now()))
    txaio_clock.advance(0.2)
    assert fired == [pytest.approx(0.2)] or fired == [0.0]


@pytest.mark.parametrize("delay", [float("nan"), float("inf"), float("-inf")])
@pytest.mark.parametrize("how", ["call_later", "batched"])
def test_nan_and_infinity_are_refused_at_the_call(txaio_clock: Any, delay: float, how: str) -> None:
    call_later = txaio.call_later if how == "call_later" else txaio.make_batched_timer(0.2).call_later
    seen: list[str] = []
    with pytest.raises(ValueError, match=rf"call_later\(\) needs a finite delay in seconds, not {delay}"):
        call_later(delay, seen.append, "ran")
    txaio_clock.advance(10)
    assert seen == []


@pytest.mark.parametrize("how", ["call_later", "batched", "with_config"])
def test_a_non_callable_is_refused_at_the_call(txaio_clock: Any, how: str) -> None:
    call_later = {
        "call_later": txaio.call_later,
        "batched": txaio.make_batched_timer(0.2).call_later,
        "with_config": txaio.with_config(txaio_clock.loop).call_later,
    }[how]
    with pytest.raises(TypeError, match=r"call_later\(\) needs a callable to call later, not str 'print'"):
        call_later(0.1, "print")
    txaio_clock.advance(10)  # nothing was scheduled to fail later


def test_call_later_keeps_accepting_what_the_frameworks_accept(txaio_clock: Any) -> None:
    seen: list[str] = []
    txaio.call_later(True, seen.append, "bool")
    txaio.call_later(Fraction(1, 2), seen.append, "fraction")
    txaio_clock.advance(1)
    assert sorted(seen) == ["bool", "fraction"]


@pytest.mark.parametrize(("delay", "shown"), [("1", "str '1'"), (None, "NoneType None"), (1j, r"complex 1j")])
@pytest.mark.parametrize("how", ["call_later", "batched", "with_config"])
def test_a_delay_that_is_not_a_number_is_refused_at_the_call(
    txaio_clock: Any, delay: Any, shown: str, how: str
) -> None:
    call_later = {
        "call_later": txaio.call_later,
        "batched": txaio.make_batched_timer(0.2).call_later,
        "with_config": txaio.with_config(txaio_clock.loop).call_later,
    }[how]
    with pytest.raises(TypeError, match=rf"call_later\(\) needs the delay as a number of seconds, not {shown}"):
        call_later(delay, print)
    seen: list[str] = []
    call_later(0.5, seen.append, "still runs")  # the refused call left the loop's timers intact
    txaio_clock.advance(1)
    assert seen == ["still runs"]
