"""The virtual clock on asyncio: a real event loop whose time only moves on demand.

Named by txaio-asyncio's framework descriptor; txaio-testutil drives it.

The loop is never run in the background: ``advance()`` runs it one
iteration at a time (``stop()`` then ``run_forever()``, which asyncio
documents as "run what is ready, poll once, return"), with ``time()``
showing the virtual instant whose callbacks are due.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

from txaio.backend import VirtualClock


class VirtualTimeEventLoop(asyncio.SelectorEventLoop):
    """An asyncio event loop whose ``time()`` is virtual, starting at 0.0.

    Everything else is the standard selector loop, so futures, tasks and
    ``asyncio.sleep`` behave as in production, only without real waiting.
    """

    def __init__(self) -> None:
        self._virtual_now = 0.0
        super().__init__()

    def time(self) -> float:
        return self._virtual_now

    def set_time(self, when: float) -> None:
        """Move virtual time to ``when``; it never goes backwards."""
        if when < self._virtual_now:
            raise ValueError(f"virtual time cannot go back from {self._virtual_now} to {when}")
        self._virtual_now = when

    def has_ready(self) -> bool:
        """Whether callbacks wait to run right now (call_soon, task steps)."""
        return bool(self._ready)  # type: ignore[attr-defined]

    def next_timer(self) -> float | None:
        """When the earliest live timer is due, or None if there is none."""
        whens = [handle.when() for handle in self._scheduled if not handle.cancelled()]  # type: ignore[attr-defined]
        return min(whens, default=None)

    def run_ready(self) -> None:
        """Run one iteration: the ready callbacks and the timers due now."""
        with outer_loop_set_aside():
            self.stop()
            self.run_forever()


@contextlib.contextmanager
def outer_loop_set_aside() -> Iterator[None]:
    """Let a loop run here although another one is marked running in this thread.

    That happens when ``advance()`` is called inside pytest-asyncio's test,
    and under pytest-twisted's asyncio reactor (its loop stays marked running
    while its greenlet waits).  asyncio refuses to run a loop then; the outer
    loop is blocked in this synchronous call anyway, so it is set aside for
    the duration and put back after.
    """
    outer = asyncio.events._get_running_loop()
    if outer is None:
        yield
        return
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(outer)


class AsyncioVirtualClock(VirtualClock):
    """Drives a :class:`VirtualTimeEventLoop` with ``advance()``."""

    framework = "asyncio"

    def __init__(self) -> None:
        self.loop: VirtualTimeEventLoop = VirtualTimeEventLoop()

    def now(self) -> float:
        return self.loop.time()

    def advance(self, seconds: float = 0.0) -> None:
        if self.loop.is_running():
            raise RuntimeError(
                "advance() was called from inside the virtual clock's own loop; in an async def test "
                "on txaio_clock, time moves by itself: await txaio.sleep(seconds) instead"
            )
        super().advance(seconds)

    def _next_due(self) -> float | None:
        if self.loop.has_ready():
            return self.now()
        return self.loop.next_timer()

    def _run_at(self, when: float) -> None:
        self.loop.set_time(when)
        for _ in range(self.max_rounds):
            due = self._next_due()
            if due is None or due > when:
                return
            self.loop.run_ready()
        raise self.looping()

    def close(self) -> None:
        """Cancel the tasks still pending, let them finish, then close the loop.

        Like ``asyncio.run`` does, so no "Task was destroyed but it is
        pending" noise and no unclosed-loop ResourceWarning after a test.
        """
        loop = self.loop
        if loop.is_closed():
            return
        try:
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            if tasks:
                self._run_at(self.now())
            with outer_loop_set_aside():
                loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()
