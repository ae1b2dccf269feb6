"""Which reactor an operation uses (the configured one, else the global reactor), and time on it.

``twisted.internet.reactor`` installs the default reactor as a side effect of
being imported, so it is imported at the first call that needs a reactor and
never at import time: an application can still install its own reactor after
importing txaio.  Only IReactorTime is used (``callLater``, ``seconds``), so a
``twisted.internet.task.Clock`` works as a loop.  Sleeping and batched timers
run on whichever reactor that is, looked up at each use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from twisted.internet.defer import Deferred
from twisted.logger import Logger

import txaio
from txaio import backend
from txaio.backend import Config
from txaio.tx._failures import new_failure

#: txaio's one global configuration (never replaced, so holding it is safe).
GLOBAL_CONFIG: Config = txaio.config

_global_reactor: Any = None


def global_reactor() -> Any:
    """Twisted's global reactor, imported (and so installed) on the first call only."""
    global _global_reactor
    if _global_reactor is None:
        from twisted.internet import reactor

        _global_reactor = reactor
    return _global_reactor


def reactor_of(config: Config) -> Any:
    """The reactor for ``config``: its loop, else ``txaio.config.loop`` if a reactor, else the global one."""
    loop = config.loop
    if loop is None:
        loop = GLOBAL_CONFIG.loop
        if loop is None or not hasattr(loop, "callLater"):
            # None, or an asyncio loop that an application on asyncio set there while a
            # library keeps its own Twisted API object (both frameworks in one process)
            loop = global_reactor()
    return loop


# --- time on a reactor: sleeping and batched timers ------------------------------------------

_log = Logger(namespace="txaio.tx")
_INFINITY = float("inf")


def sleep_on(reactor: Any, delay: float) -> Deferred[None]:
    """A Deferred that fires with None after ``delay``; cancelling it cancels the delayed call."""
    kind = type(delay)
    if (kind is not float and kind is not int) or not 0 <= delay < _INFINITY:
        delay = backend.check_sleep(delay)  # Twisted only asserts (python -O drops that); negative is now
    future: Deferred[None] = Deferred(lambda _: call.cancel())
    call = reactor.callLater(delay, future.callback, None)
    return future


def report_batched_error(reactor: Any, error: BaseException) -> None:
    """Log an exception raised by a batched call, with its traceback, at level critical.

    Critical is what Twisted uses for an unhandled error, and its default
    observer prints critical events to stderr even before logging starts.
    """
    _log.failure("A call of a txaio batched timer failed", failure=new_failure(error))


def _seconds(reactor: Any) -> float:
    return reactor.seconds()  # type: ignore[no-any-return]


def _call_later(reactor: Any, delay: float, fun: Callable[[], None]) -> Any:
    return reactor.callLater(delay, fun)


def batched_timer(config: Config, bucket_seconds: float, chunk_size: int = 100) -> backend.BatchedTimer:
    """A BatchedTimer on the reactor of ``config``, looked up at each use."""

    def scheduler() -> Any:
        # Called for every timer, so reactor_of() is inlined: one frame instead of two.
        reactor = config.loop
        if reactor is None:
            reactor = GLOBAL_CONFIG.loop
            if reactor is None or not hasattr(reactor, "callLater"):  # see reactor_of()
                reactor = global_reactor()
        return reactor

    return backend.BatchedTimer(
        bucket_seconds,
        chunk_size,
        scheduler=scheduler,
        clock=_seconds,
        call_later=_call_later,
        report_error=report_batched_error,
    )
