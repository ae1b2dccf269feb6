"""Timers on asyncio: handles, the loop's exception handler and which loop a timer keeps.

What every framework agrees on (call_later, sleep, batched timers) is
tested once in tests-integration/conformance/test_timers.py.
"""

from __future__ import annotations

import threading
from typing import Any

import txaio
from txaio.testutil import VirtualClock, replace_loop


def test_cancelling_sleep_drops_its_timer(clock: VirtualClock) -> None:
    f = txaio.sleep(5)
    txaio.cancel(f)
    clock.advance()
    assert clock.loop.next_timer() is None


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


def test_a_batched_timer_uses_the_loop_of_each_call(clock: VirtualClock) -> None:
    with replace_loop(None):
        timer = txaio.make_batched_timer(0.2)  # made with no loop anywhere: it binds to none
    seen: list[str] = []
    timer.call_later(0.1, seen.append, "on the configured loop")
    clock.advance(0.3)
    assert seen == ["on the configured loop"]


def test_a_batched_timer_needs_a_loop_when_it_schedules() -> None:
    errors: list[BaseException] = []
    made: list[Any] = []

    def make() -> None:  # outside the main thread, where txaio has no loop of its own
        made.append(txaio.make_batched_timer(0.2))
        try:
            made[0].call_later(0.1, print)
        except RuntimeError as exc:
            errors.append(exc)

    with replace_loop(None):
        worker = threading.Thread(target=make)
        worker.start()
        worker.join()
    assert len(made) == 1, "making the timer needs no loop"
    assert len(errors) == 1 and "found no event loop" in str(errors[0])
    assert made[0].pending() == 0, "the refused call left nothing behind"
