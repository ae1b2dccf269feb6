"""Timers on every framework: call_later, sleep and batched timers, on the virtual clock."""

from __future__ import annotations

from typing import Any

import pytest

import txaio


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


def test_sleep_resolves_with_none_after_its_delay(txaio_clock: Any, watch: Any) -> None:
    seen = watch(txaio.sleep(0.5))
    txaio_clock.advance(0.49)
    assert seen == []
    txaio_clock.advance(0.01)
    assert seen == [("ok", None)]


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
