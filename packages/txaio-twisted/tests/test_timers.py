"""Time on Twisted: call_later, sleep and with_config on a task.Clock (never the real reactor)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from twisted.internet.defer import CancelledError
from twisted.internet.task import Clock
from tx_helpers import outcome

import txaio


def test_call_later_uses_config_loop_with_args_and_kwargs(clock: Clock) -> None:
    seen: list[Any] = []
    call = txaio.call_later(2, lambda *a, **kw: seen.append((a, kw)), 1, key="v")
    clock.advance(1.9)
    assert seen == []
    clock.advance(0.1)
    assert seen == [((1,), {"key": "v"})]
    assert not call.active()


def test_call_later_handle_cancels(clock: Clock) -> None:
    seen: list[int] = []
    call = txaio.call_later(1, seen.append, 1)
    call.cancel()
    clock.advance(5)
    assert seen == []
    assert clock.getDelayedCalls() == []


def test_global_reactor_is_used_when_config_loop_is_unset(global_clock: Clock) -> None:
    seen: list[int] = []
    txaio.call_later(1, seen.append, 1)
    global_clock.advance(1)
    assert seen == [1]


def test_config_loop_is_read_at_call_time(clock: Clock) -> None:
    other = Clock()
    txaio.config.loop = other
    txaio.call_later(1, lambda: None)
    assert len(other.getDelayedCalls()) == 1
    assert clock.getDelayedCalls() == []


def test_sleep_fires_with_none_after_the_delay(clock: Clock) -> None:
    seen = outcome(txaio.sleep(0.5))
    clock.advance(0.4)
    assert seen == []
    clock.advance(0.1)
    assert seen == [("ok", None)]


def test_cancelling_sleep_cancels_its_delayed_call(clock: Clock) -> None:
    sleeping = txaio.sleep(10)
    seen = outcome(sleeping)
    txaio.cancel(sleeping)
    assert clock.getDelayedCalls() == []
    assert isinstance(seen[0][1].value, CancelledError)


def test_with_config_uses_its_loop_when_config_loop_is_unset(global_clock: Clock) -> None:
    mine = Clock()
    api = txaio.with_config(loop=mine)
    seen: list[str] = []
    api.call_later(1, seen.append, "mine")
    seen_sleep = outcome(api.sleep(1))
    mine.advance(1)
    assert seen == ["mine"]
    assert seen_sleep == [("ok", None)]
    assert global_clock.getDelayedCalls() == []
    assert txaio.config.loop is None


def test_with_config_of_a_different_reactor_raises(clock: Clock) -> None:
    with pytest.raises(RuntimeError, match="one reactor"):
        txaio.with_config(loop=Clock())
    assert txaio.config.loop is clock


def test_with_config_of_the_configured_reactor_is_fine(clock: Clock) -> None:
    api = txaio.with_config(loop=clock)
    api.call_later(1, lambda: None)
    assert len(clock.getDelayedCalls()) == 1


def test_with_config_without_loop_follows_config_loop(clock: Clock) -> None:
    api = txaio.with_config()
    later = Clock()
    txaio.config.loop = later
    api.call_later(1, lambda: None)
    assert len(later.getDelayedCalls()) == 1


def test_with_config_object_offers_every_operation(clock: Clock) -> None:
    api = txaio.with_config(loop=clock)
    assert api.using_twisted and not api.using_asyncio
    assert api.config.loop is clock
    future = api.create_future()
    seen = outcome(api.gather([future, api.as_future(lambda: 2)]))
    api.resolve(future, 1)
    assert seen == [("ok", [1, 2])]
    assert api.failure_message(api.create_failure(KeyError("k"))) == "KeyError: 'k'"


def test_call_later_without_arguments(clock: Clock) -> None:
    seen: list[str] = []
    txaio.call_later(0, lambda: seen.append("ran"))
    clock.advance(0)
    assert seen == ["ran"]


OPTIMIZED_CALL_LATER = """
import txaio
txaio.use_twisted()
from twisted.internet import reactor  # the real reactor: its callLater only asserts
for delay, fun in ((float("nan"), print), (float("inf"), print), (1, "print")):
    try:
        txaio.call_later(delay, fun)
    except (TypeError, ValueError) as exc:
        print(type(exc).__name__)
    else:
        print("accepted")
print(len(reactor.getDelayedCalls()))
"""


def test_nan_infinity_and_non_callables_are_refused_under_python_o_too() -> None:
    """The reactor's own checks are asserts, which ``python -O`` removes; txaio's are not."""
    done = subprocess.run(
        [sys.executable, "-O", "-c", OPTIMIZED_CALL_LATER], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["ValueError", "ValueError", "TypeError", "0"]


def test_the_global_reactor_is_never_written_into_config_loop(global_clock: Clock) -> None:
    """txaio 26.6.1 stored it at the first timer call; ours looks it up at each one (a listed difference)."""
    txaio.call_later(1, print).cancel()
    assert txaio.config.loop is None
