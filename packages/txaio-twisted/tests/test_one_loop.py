"""Both frameworks in one process, on one loop: Twisted on asyncio's reactor, on asyncio's loop and on uvloop.

Each program of ``one_loop_programs.py`` runs in its own process (a reactor
is installed once per process), under ``-X dev -W error`` and a timeout, and
prints what it saw; the test compares that with what a user expects.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROGRAMS = Path(__file__).with_name("one_loop_programs.py")

EXPECTED = {
    "twisted_as_future": [
        "coroutine: 42",
        "future: future's",
        "is a Deferred: Deferred task's",
    ],
    "twisted_as_future_before_the_loop_runs": ["before the loop: 2"],
    "twisted_gather": [
        "gather: [1, 2, 3, 4]",
        "consumed: KeyError: 'root' True 5",
        "not consumed: KeyError('root')",
    ],
    "twisted_add_callbacks": [
        "gives a Deferred: Deferred True",
        "callback: 42",
        "errback: ValueError: from asyncio True",
    ],
    "twisted_is_future_and_is_called": [
        "is_future: True True False False",
        "is_called: False",
        "is_called: True",
    ],
    "twisted_cancel": [
        "Deferred cancelled, task cancelled: True",
        "the Deferred failed with CancelledError",
        "task cancelled, Deferred cancelled",
        "cancel() of an asyncio future keeps the message: ('why',)",
        "the coroutine saw CancelledError ; what it awaited is cancelled: True",
        "its Deferred failed with CancelledError",
    ],
    "twisted_timers_meet_asyncio": [
        "sleep in a coroutine: slept",
        "call_later cancelled from asyncio code: []",
    ],
    "asyncio_as_future": [
        "a future: True 42",
        "failure: ValueError('from Twisted') True",
        "is_future: True",
    ],
    "asyncio_gather": ["gather: [1, 2, 3]", "consumed: KeyError('k') 4"],
    "asyncio_add_callbacks": ["gives a future: True 7 [7]", "errback: ZeroDivisionError: division by zero"],
    "asyncio_cancel": [
        "future cancelled, Deferred cancelled: ['canceller'] True",
        "Deferred cancelled, future cancelled: True",
    ],
    "library_on_asyncio_in_a_twisted_application": [
        "library: True library's",
        "library as_future: True work",
        "application: Deferred",
    ],
    "library_on_twisted_in_an_asyncio_application": [
        "library: True library's",
        "library sleep: None",
        "application: Future",
    ],
}


def run(loop: str, program: str) -> list[str]:
    if loop == "uvloop":
        pytest.importorskip("uvloop")
    done = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error", str(PROGRAMS), loop, program],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # asyncio's debug mode (-X dev) reports a slow step ("Executing <Task ...> took 0.3 seconds"): not ours
    noise = [line for line in done.stderr.splitlines() if line and not line.startswith("Executing <")]
    assert noise == [], done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
@pytest.mark.parametrize("program", sorted(EXPECTED))
def test_both_kinds_of_future_meet(loop: str, program: str) -> None:
    assert run(loop, program) == EXPECTED[program]


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_an_asyncio_future_of_another_loop_is_refused(loop: str) -> None:
    (line,) = run(loop, "twisted_refuses_another_loops_future")
    assert line.startswith("RuntimeError: as_future() got an asyncio future of another event loop")
    assert "make it on the reactor's loop" in line


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_a_deferred_on_another_loop_than_the_reactors_is_refused(loop: str) -> None:
    (line,) = run(loop, "asyncio_refuses_another_loop")
    assert line.startswith("RuntimeError: txaio (asyncio) got a Twisted Deferred")
    assert "Twisted's reactor runs on another one" in line


def test_an_asyncio_future_on_twisteds_default_reactor_is_refused() -> None:
    lines = run("none", "twisted_refuses_on_the_default_reactor")
    for line, what in zip(lines, ("as_future", "gather", "add_callbacks"), strict=False):
        assert line.startswith(f"{what} RuntimeError: {what}() got an asyncio future"), line
        assert "the Twisted reactor is not asyncio's" in line
        assert "asyncioreactor.install(loop)" in line
    assert lines[3:] == ["is_future: True"]


def test_a_deferred_on_a_loop_no_reactor_runs_is_refused() -> None:
    lines = run("none", "asyncio_refuses_without_a_reactor")
    assert len(lines) == 3
    for line, what in zip(lines, ("as_future", "gather", "add_callbacks"), strict=True):
        assert line.startswith(f"{what} RuntimeError: txaio (asyncio) got a Twisted Deferred"), line
        assert "no Twisted reactor is installed" in line
        assert "asyncioreactor.install(loop)" in line
