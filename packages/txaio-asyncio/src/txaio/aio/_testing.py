"""What txaio-testutil's pytest plugin needs from asyncio: the descriptor's ``test_support``."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from txaio.aio._loop import thread_loop
from txaio.aio._virtual_clock import AsyncioVirtualClock, outer_loop_set_aside
from txaio.backend import TestTimedOut, VirtualClock


class AsyncioSupport:
    """Each test on a fresh event loop; txaio already logs through stdlib logging.

    The loops are asyncio's default kind unless :meth:`use_loop_factory` names
    another (``uvloop.new_event_loop``): txaio-testutil's
    ``--txaio-asyncio-loop`` option, so one suite runs on either loop.
    """

    def __init__(self) -> None:
        self._loop_factory: Callable[[], asyncio.AbstractEventLoop] | None = None

    def use_loop_factory(self, factory: Callable[[], asyncio.AbstractEventLoop] | None) -> None:
        """Make each test's loop with ``factory`` (None: asyncio's default loop again)."""
        self._loop_factory = factory

    def make_clock(self) -> VirtualClock:
        return AsyncioVirtualClock()

    def run(self, start: Callable[[], Any], timeout: float) -> Any:
        future: list[Any] = []

        async def main() -> None:
            future.append(asyncio.ensure_future(start()))
            done, _ = await asyncio.wait(future, timeout=timeout)
            if not done:
                future[0].cancel()
                await asyncio.wait(future, timeout=timeout)
                raise TestTimedOut("the test was cancelled")

        # A loop factory always: without one, the Runner sets its loop as this thread's current
        # loop and then unsets it, dropping (unclosed) the loop a synchronous test had made.
        # pytest-twisted's asyncio reactor leaves its loop marked running while it waits.
        factory = self._loop_factory or asyncio.new_event_loop
        with outer_loop_set_aside(), asyncio.Runner(loop_factory=factory) as runner:
            runner.run(main())
        return future[0]

    def test_scope(self) -> contextlib.AbstractContextManager[None]:
        """Around one test: a loop of the factory as this thread's current loop, one marked running set aside.

        So a synchronous test that makes futures with no loop configured gets
        one of the chosen kind, as an async test does; it is closed after.
        """
        if self._loop_factory is None:
            # Twisted's asyncio reactor under pytest-twisted leaves its loop marked running in
            # this thread while its greenlet waits: a synchronous asyncio test must not see it.
            return outer_loop_set_aside()
        return _current_loop_from(self._loop_factory)

    def forward_logs(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def close(self) -> None:
        """Nothing outlives a test: each one's loop is closed after it."""


@contextlib.contextmanager
def _current_loop_from(factory: Callable[[], asyncio.AbstractEventLoop]) -> Iterator[None]:
    previous = thread_loop()
    loop = factory()
    asyncio.set_event_loop(loop)
    try:
        with outer_loop_set_aside():
            yield
    finally:
        asyncio.set_event_loop(previous)
        loop.close()


def framework_support() -> AsyncioSupport:
    """The test support of asyncio, named by its framework descriptor."""
    return AsyncioSupport()
