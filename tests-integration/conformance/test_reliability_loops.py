"""Nothing txaio makes binds to a loop early, no loop is left behind, a closed loop is refused at the call.

A batched timer, a future or a delayed call made before any loop runs (at
import time, as a module or class attribute) uses the loop that runs when it
schedules; no txaio call leaves an event loop set as current or unclosed.
Twisted has one reactor and nothing to bind early; its cases run too, with
the same expectations.  Twisted's reactor has no closed state (a reactor
that stopped accepts calls that never run, and cannot start again), so the
closed-loop cases are asyncio's (on its own loop and on uvloop).
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_child import clean_run, loop_reference, run_child

import txaio

on_asyncio = pytest.mark.txaio_only("asyncio")


def test_a_batched_timer_made_at_import_time_fires_in_each_run(txaio_framework: str, request: Any) -> None:
    body = """
    timer = txaio.make_batched_timer(0.05)   # at import time: no loop runs yet
    later_timer = txaio.make_batched_timer(0.05, 10)

    async def main():
        f = txaio.create_future()
        timer.call_later(0.01, txaio.resolve, f, "fired")
        guard = txaio.call_later(5, lambda: None if txaio.is_called(f) else txaio.resolve(f, "never fired"))
        try:
            return await f
        finally:
            guard.cancel()

    report(run(main))
    if framework == "asyncio":   # a Twisted reactor runs once per process
        report(run(main))
    else:
        report("fired")
    """
    assert clean_run(run_child(txaio_framework, body, request.config)) == ["fired", "fired"]


def test_operations_outside_any_loop_leave_no_loop_current_and_nothing_unclosed(
    txaio_framework: str, request: Any
) -> None:
    body = """
    import asyncio, gc
    timer = txaio.make_batched_timer(0.1)
    f = txaio.create_future()
    txaio.resolve(f, 1)
    txaio.create_future(result=2)
    txaio.create_future_success(3)
    handle = txaio.call_later(1, print)
    sleeper = txaio.sleep(1)
    as_f = txaio.as_future(lambda: 4)
    batched = timer.call_later(0.5, print)
    async def coro():
        return 5
    g = txaio.gather([txaio.create_future_success(6)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        policy = asyncio.get_event_loop_policy()
    current = getattr(getattr(policy, "_local", None), "_loop", None)
    report("current", current)
    handle.cancel(); batched.cancel()
    gc.collect()
    """
    assert clean_run(run_child(txaio_framework, body, request.config)) == ["current None"]


@pytest.fixture
def closed_loop(request: Any) -> Iterator[asyncio.AbstractEventLoop]:
    reference = loop_reference(request.config)
    if reference:
        module, _, attribute = reference.partition(":")
        loop = getattr(importlib.import_module(module), attribute)()
    else:
        loop = asyncio.new_event_loop()
    loop.close()
    yield loop


def _every_operation_on(api: Any) -> dict[str, Any]:
    """Each operation that needs a loop, as a thunk, plus what it must not have done."""
    called: list[str] = []

    async def coroutine_function() -> int:
        called.append("coroutine function")
        return 1

    def plain() -> int:
        called.append("plain function")
        return 1

    timer = api.make_batched_timer(0.1)
    return {
        "called": called,
        "timer": timer,
        "ops": {
            "create_future": api.create_future,
            "create_future(result)": lambda: api.create_future(result=1),
            "create_future(canceller)": lambda: api.create_future(canceller=lambda f: None),
            "create_future_success": lambda: api.create_future_success(1),
            "create_future_error": lambda: api.create_future_error(ValueError("x")),
            "as_future(async_fn)": lambda: api.as_future(coroutine_function),
            "as_future(fn)": lambda: api.as_future(plain),
            "call_later": lambda: api.call_later(0.1, print),
            "sleep": lambda: api.sleep(0.1),
            "gather": lambda: api.gather([]),
            "batched call_later": lambda: timer.call_later(0.1, print),
        },
    }


def _assert_every_operation_refused(api: Any) -> None:
    made = _every_operation_on(api)
    for name, op in made["ops"].items():
        with pytest.raises(RuntimeError, match=r"event loop .* is closed.*txaio\.config\.loop") as caught:
            op()
        assert "asyncio.run" in str(caught.value), name
    assert made["called"] == [], "nothing was called, so no coroutine was left never awaited"
    assert made["timer"].pending() == 0


@on_asyncio
def test_a_configured_closed_loop_is_refused_at_every_call(
    txaio_framework: str, closed_loop: asyncio.AbstractEventLoop
) -> None:
    _assert_every_operation_refused(txaio.with_config(loop=closed_loop))


@on_asyncio
def test_a_closed_current_loop_is_refused_at_every_call(
    txaio_framework: str, closed_loop: asyncio.AbstractEventLoop
) -> None:
    with txaio_no_configured_loop():
        asyncio.set_event_loop(closed_loop)
        try:
            _assert_every_operation_refused(txaio)
        finally:
            asyncio.set_event_loop(None)


@on_asyncio
def test_gather_on_a_closed_loop_closes_the_coroutines_it_was_given(
    txaio_framework: str, closed_loop: asyncio.AbstractEventLoop
) -> None:
    ran: list[int] = []

    async def child() -> None:
        ran.append(1)

    coroutine = child()
    with pytest.raises(RuntimeError, match="is closed"):
        txaio.with_config(loop=closed_loop).gather([coroutine])
    assert coroutine.cr_frame is None, "closed, so it never warns that it was not awaited"
    assert ran == []


def txaio_no_configured_loop() -> Any:
    from txaio.testutil import replace_loop

    return replace_loop(None)
