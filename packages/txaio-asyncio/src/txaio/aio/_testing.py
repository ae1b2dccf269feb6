"""What txaio-testutil's pytest plugin needs from asyncio: the descriptor's ``test_support``."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from txaio.aio._virtual_clock import AsyncioVirtualClock, outer_loop_set_aside
from txaio.backend import TestTimedOut, VirtualClock


class AsyncioSupport:
    """Each test on a fresh event loop; txaio already logs through stdlib logging."""

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

        # pytest-twisted's asyncio reactor leaves its loop marked running while it waits
        with outer_loop_set_aside(), asyncio.Runner() as runner:
            runner.run(main())
        return future[0]

    def forward_logs(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def close(self) -> None:
        """Nothing outlives a test: each one's loop is closed after it."""


def framework_support() -> AsyncioSupport:
    """The test support of asyncio, named by its framework descriptor."""
    return AsyncioSupport()
