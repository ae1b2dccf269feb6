"""The base of every framework's virtual clock, shared by the backends and txaio-testutil.

It lives in core so that a backend can ship its own clock (Twisted's needs
Twisted) and txaio-testutil can drive any of them, without either importing
the other.
"""

from __future__ import annotations

import abc
from typing import Any

#: How many rounds of callbacks one ``advance()`` may run before it gives up:
#: a callback that keeps rescheduling itself at the same instant would
#: otherwise hang the test instead of failing it.
MAX_ROUNDS = 100_000


class TestTimedOut(Exception):
    """A test's future did not complete within its timeout (real seconds).

    A backend's test support (its framework descriptor's ``test_support``)
    raises it, and txaio-testutil turns it into the test's failure; it lives
    here so that neither has to import the other.
    """

    __test__ = False  # not a test class, whatever pytest's name rules say


class VirtualClock(abc.ABC):
    """A clock that only moves when told to, so timing tests never wait.

    ``loop`` is what is installed as ``txaio.config.loop``: an asyncio event
    loop with virtual time, or a Twisted ``task.Clock``.
    """

    #: The framework this clock drives ("asyncio" or "twisted").
    framework: str
    #: The asyncio loop or Twisted clock that txaio uses while this clock is installed.
    loop: Any
    #: The cap on rounds of callbacks per step (``MAX_ROUNDS`` unless changed); tests may lower it.
    max_rounds: int = MAX_ROUNDS

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
        for _ in range(self.max_rounds):
            due = self._next_due()
            if due is None or due > target:
                break
            self._run_at(max(due, self.now()))
        else:
            raise self.looping()
        self._run_at(max(target, self.now()))

    def next_due(self) -> float | None:
        """When the earliest pending callback is due (now if one is ready), or None if none is."""
        return self._next_due()

    def looping(self) -> RuntimeError:
        """The error for callbacks still due after :attr:`max_rounds` rounds."""
        return RuntimeError(f"virtual clock: callbacks still due after {self.max_rounds} rounds; is one looping?")

    def close(self) -> None:  # noqa: B027 (a hook: most clocks have nothing to release)
        """Release what the clock holds (the asyncio loop); called when its block ends."""

    @abc.abstractmethod
    def _next_due(self) -> float | None:
        """When the earliest pending callback is due (now if one is ready), or None."""

    @abc.abstractmethod
    def _run_at(self, when: float) -> None:
        """Set the time to ``when`` and run everything due then, until nothing is."""


def _checked_seconds(seconds: float) -> float:
    from txaio._core.checks import real_seconds

    number = real_seconds(seconds, "advance()", "the time to move on")
    if number < 0:
        raise ValueError(f"advance() moves time forward by a finite number >= 0 of seconds, not {seconds!r}")
    return number
