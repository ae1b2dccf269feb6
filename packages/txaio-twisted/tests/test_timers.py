"""Time on Twisted: delayed calls, the reactor txaio uses and with_config on a task.Clock.

What every framework agrees on is tested once in
tests-integration/conformance/test_timers.py; nothing here runs the real reactor.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from twisted.internet.defer import CancelledError
from twisted.internet.task import Clock

import txaio
from txaio.testutil import failure_of, result_of


def test_call_later_gives_a_delayed_call_of_the_configured_clock(clock: Clock) -> None:
    call = txaio.call_later(2, print)
    assert clock.getDelayedCalls() == [call]
    call.cancel()
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


def test_cancelling_sleep_cancels_its_delayed_call(clock: Clock) -> None:
    sleeping = txaio.sleep(10)
    txaio.cancel(sleeping)
    assert clock.getDelayedCalls() == []
    failure_of(sleeping, CancelledError)


def test_with_config_uses_its_loop_when_config_loop_is_unset(global_clock: Clock) -> None:
    mine = Clock()
    api = txaio.with_config(loop=mine)
    seen: list[str] = []
    api.call_later(1, seen.append, "mine")
    sleeping = api.sleep(1)
    mine.advance(1)
    assert seen == ["mine"]
    assert result_of(sleeping) is None
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


OPTIMIZED_CALL_LATER = """
import txaio
from txaio.testutil import failure_of, result_of
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
