"""The virtual clock on Twisted: a ``twisted.internet.task.Clock``.

It ships with txaio-twisted because only txaio-twisted imports Twisted, and
builds on core's ``txaio.backend.VirtualClock``; txaio-testutil finds it
through the framework descriptor when a test asks for a Twisted clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from twisted.internet.interfaces import IDelayedCall
from twisted.internet.task import Clock

from txaio.backend import VirtualClock


class BoundedClock(Clock):
    """A ``task.Clock`` that refuses endless rescheduling at one instant.

    ``Clock.advance`` keeps running calls while any is due, so a callback
    that schedules itself again with no delay would hang the test; here the
    number of such calls during one step is capped and the cap is an error.
    """

    immediate_calls_left: int | None = None

    def __init__(self, looping: Callable[[], RuntimeError]) -> None:
        super().__init__()
        self._looping = looping  # makes the error for the cap, worded by the owning virtual clock

    def callLater(self, delay: float, callable: Callable[..., object], *args: object, **kw: object) -> IDelayedCall:
        if self.immediate_calls_left is not None and delay <= 0:
            if self.immediate_calls_left <= 0:
                raise self._looping()
            self.immediate_calls_left -= 1
        return super().callLater(delay, callable, *args, **kw)


class TwistedVirtualClock(VirtualClock):
    """Drives a ``task.Clock``; Deferred callbacks already run synchronously."""

    framework = "twisted"

    def __init__(self) -> None:
        self.loop: BoundedClock = BoundedClock(self.looping)

    def now(self) -> float:
        return float(self.loop.seconds())

    def _next_due(self) -> float | None:
        # IDelayedCall is a zope interface; mypy sees its methods unbound.
        calls: list[Any] = list(self.loop.getDelayedCalls())
        pending: list[float] = [call.getTime() for call in calls if call.active()]
        return min(pending, default=None)

    def _run_at(self, when: float) -> None:
        # Setting the time exactly (not adding a difference) keeps float
        # rounding from leaving a call a hair short of due.
        self.loop.rightNow = when
        self.loop.immediate_calls_left = self.max_rounds
        try:
            self.loop.advance(0)
        finally:
            self.loop.immediate_calls_left = None
