"""A fake clock for the batched-timer engine: time moves only when a test says so."""

from __future__ import annotations

from collections.abc import Callable


class FakeClock:
    """A clock and delayed-call maker for the batched-timer engine."""

    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[FakeDelayedCall] = []

    def time(self) -> float:
        return self.now

    def call_later(self, delay: float, func: Callable[[], None]) -> FakeDelayedCall:
        call = FakeDelayedCall(self.now + delay, func)
        self.calls.append(call)
        return call

    def live_calls(self) -> list[FakeDelayedCall]:
        return [call for call in self.calls if not call.cancelled and not call.ran]

    def advance(self, seconds: float) -> None:
        """Move time forward, running due calls in time order (calls they add too)."""
        target = self.now + seconds
        while True:
            due = sorted((c for c in self.live_calls() if c.when <= target), key=lambda c: c.when)
            if not due:
                break
            call = due[0]
            self.now = max(self.now, call.when)
            call.ran = True
            call.func()
        self.now = target


class FakeDelayedCall:
    def __init__(self, when: float, func: Callable[[], None]) -> None:
        self.when = when
        self.func = func
        self.cancelled = False
        self.ran = False

    def cancel(self) -> None:
        self.cancelled = True


def engine_hooks(clock: FakeClock, report: Callable[[BaseException], object]) -> dict[str, object]:
    """The keyword arguments that drive a BatchedTimer on ``clock``, reporting errors to ``report``."""
    return {
        "scheduler": lambda: clock,
        "clock": FakeClock.time,
        "call_later": FakeClock.call_later,
        "report_error": lambda _scheduler, exc: report(exc),
    }
