"""call_later, sleep and batched timers on asyncio, on a virtual clock."""

from __future__ import annotations

import threading
from typing import Any

import pytest

import txaio
from txaio.testutil import VirtualClock, replace_loop


def test_call_later_passes_args_and_kwargs(clock: VirtualClock) -> None:
    seen: list[Any] = []
    txaio.call_later(2, lambda *a, **k: seen.append((a, k)), 1, 2, key="word")
    clock.advance(1.999)
    assert seen == []
    clock.advance(0.001)
    assert seen == [((1, 2), {"key": "word"})]


def test_call_later_cancel(clock: VirtualClock) -> None:
    seen: list[Any] = []
    handle = txaio.call_later(1, seen.append, "x")
    handle.cancel()
    handle.cancel()
    clock.advance(2)
    assert seen == []


def test_sleep_resolves_with_none_after_the_delay(clock: VirtualClock) -> None:
    f = txaio.sleep(0.5)
    clock.advance(0.4)
    assert not txaio.is_called(f)
    clock.advance(0.1)
    assert f.result() is None


def test_cancelling_sleep_drops_its_timer(clock: VirtualClock) -> None:
    f = txaio.sleep(5)
    txaio.cancel(f)
    clock.advance()
    assert clock.loop.next_timer() is None


def test_sleep_can_be_awaited(clock: VirtualClock) -> None:
    async def nap() -> str:
        await txaio.sleep(1)
        return "rested"

    f = txaio.as_future(nap)
    clock.advance(1)
    assert f.result() == "rested"


@pytest.mark.parametrize(("bucket", "delay"), [(0.2, 0.05), (0.2, 0.2), (0.2, 0.3), (0.2, 1.7), (1.0, 0.4)])
def test_batched_call_fires_within_one_bucket_after_its_delay(clock: VirtualClock, bucket: float, delay: float) -> None:
    timer = txaio.make_batched_timer(bucket)
    fired: list[float] = []
    timer.call_later(delay, lambda: fired.append(clock.now()))
    clock.advance(delay + bucket + 0.001)
    (when,) = fired
    assert delay <= when <= delay + bucket + 1e-9


def test_batched_timer_keyword_of_26_6_1(clock: VirtualClock) -> None:
    timer = txaio.make_batched_timer(bucket_seconds=0.2, chunk_size=2)
    assert timer.call_later(0.1, lambda: None) is not None


def test_an_exception_reaches_the_loop_with_its_traceback_and_others_still_run(clock: VirtualClock) -> None:
    reported: list[dict[str, Any]] = []
    clock.loop.set_exception_handler(lambda loop, context: reported.append(context))
    timer = txaio.make_batched_timer(0.2, chunk_size=10)
    seen: list[str] = []

    def broken() -> None:
        raise KeyError("broken call")

    timer.call_later(0.1, seen.append, "before")
    timer.call_later(0.1, broken)
    timer.call_later(0.1, seen.append, "after")
    clock.advance(0.3)
    assert seen == ["before", "after"]
    (context,) = reported
    assert isinstance(context["exception"], KeyError)
    assert context["exception"].__traceback__ is not None
    assert "KeyError" in context["message"]


@pytest.mark.parametrize(("bucket", "chunk"), [(0, 100), (-1, 100), (0.2, 0)])
def test_bad_batched_timer_arguments_are_refused(clock: VirtualClock, bucket: float, chunk: int) -> None:
    with pytest.raises(ValueError):
        txaio.make_batched_timer(bucket, chunk)


def test_a_batched_timer_keeps_the_loop_it_was_made_on(clock: VirtualClock) -> None:
    timer = txaio.make_batched_timer(0.2)
    seen: list[str] = []
    with replace_loop(None):
        timer.call_later(0.1, seen.append, "on the first loop")
    clock.advance(0.3)
    assert seen == ["on the first loop"]


def test_a_batched_timer_needs_a_loop() -> None:
    errors: list[BaseException] = []

    def make() -> None:  # outside the main thread, where no loop is made for us
        try:
            txaio.make_batched_timer(0.2)
        except RuntimeError as exc:
            errors.append(exc)

    with replace_loop(None):
        worker = threading.Thread(target=make)
        worker.start()
        worker.join()
    assert len(errors) == 1 and "found no event loop" in str(errors[0])
