"""The virtual clock both frameworks share: what it offers and how to get one."""

from __future__ import annotations

import abc
import contextlib
import math
from collections.abc import Iterator
from typing import Any

import txaio
from txaio._core import selection
from txaio.testutil._loop import replace_loop

#: How many rounds of callbacks one ``advance()`` may run before it gives up:
#: a callback that keeps rescheduling itself at the same instant would
#: otherwise hang the test instead of failing it.
MAX_ROUNDS = 100_000


class VirtualClock(abc.ABC):
    """A clock that only moves when told to, so timing tests never wait.

    ``loop`` is what is installed as ``txaio.config.loop``: an asyncio event
    loop with virtual time, or a Twisted ``task.Clock``.
    """

    #: The framework this clock drives ("asyncio" or "twisted").
    framework: str
    #: The asyncio loop or Twisted clock that txaio uses while this clock is installed.
    loop: Any

    @abc.abstractmethod
    def now(self) -> float:
        """The current virtual time, in seconds (starts at 0.0)."""

    def advance(self, seconds: float = 0.0) -> None:
        """Move time forward by ``seconds``, running every callback due by then.

        Callbacks run in time order, each with the clock showing its own due
        time, so a callback that schedules another one that is also due
        (including one made ready right now) sees it run too.
        ``advance()`` alone runs what is ready now without moving time.
        """
        seconds = _checked_seconds(seconds)
        target = self.now() + seconds
        for _ in range(MAX_ROUNDS):
            due = self._next_due()
            if due is None or due > target:
                break
            self._run_at(max(due, self.now()))
        else:
            raise RuntimeError(f"virtual clock: callbacks still due after {MAX_ROUNDS} rounds; is one looping?")
        self._run_at(max(target, self.now()))

    def next_due(self) -> float | None:
        """When the earliest pending callback is due (now if one is ready), or None if none is."""
        return self._next_due()

    def close(self) -> None:  # noqa: B027 (a hook: most clocks have nothing to release)
        """Release what the clock holds (the asyncio loop); called when its block ends."""

    @abc.abstractmethod
    def _next_due(self) -> float | None:
        """When the earliest pending callback is due (now if one is ready), or None."""

    @abc.abstractmethod
    def _run_at(self, when: float) -> None:
        """Set the time to ``when`` and run everything due then, until nothing is."""


def _checked_seconds(seconds: float) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise TypeError(f"advance() takes a number of seconds, not {type(seconds).__name__}")
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"advance() moves time forward by a finite number >= 0 of seconds, not {seconds!r}")
    return float(seconds)


def selected_framework() -> str:
    """The name of the framework txaio currently uses, or a clear error if none."""
    if txaio.using_asyncio:
        return "asyncio"
    if txaio.using_twisted:
        return "twisted"
    raise RuntimeError(
        "no txaio framework is selected: select one first (txaio.use_asyncio(), txaio.use_twisted(), "
        "txaio.testutil.use_framework()) or pass framework='asyncio' / 'twisted'"
    )


def make_clock(framework: str) -> VirtualClock:
    """A fresh, not yet installed virtual clock for ``framework``."""
    if framework not in selection.FRAMEWORKS:
        known = ", ".join(repr(name) for name in sorted(selection.FRAMEWORKS))
        raise ValueError(f"unknown txaio framework {framework!r}; known: {known}")
    from txaio.testutil._support import support_for

    return support_for(framework).make_clock()


@contextlib.contextmanager
def virtual_clock(framework: str | None = None) -> Iterator[VirtualClock]:
    """Install a virtual clock as ``txaio.config.loop`` for the body of the block.

    ``framework`` defaults to the selected one. Afterwards the clock is
    closed and the previous loop is back, also when the body raises.
    """
    clock = make_clock(selected_framework() if framework is None else framework)
    try:
        with replace_loop(clock.loop):
            yield clock
    finally:
        clock.close()
