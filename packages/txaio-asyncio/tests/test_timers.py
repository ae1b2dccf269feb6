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
