"""The one hook through which txaio-testutil asks a framework for what tests need.

Each framework names one module (``SUPPORT_MODULES``) whose function
``framework_support()`` returns a :class:`FrameworkSupport`: a virtual
clock, a way to run a test's future to completion on the real loop or
reactor, and a way to show the framework's log events to stdlib logging
(so pytest's ``caplog`` sees them).  asyncio needs only the standard
library, so its support lives here; Twisted's ships with txaio-twisted,
the only distribution that imports Twisted.  (Issue #16 moves this mapping
into the per-framework descriptor of txaio-core.)
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol

import txaio
from txaio._core import selection
from txaio.testutil._clock import VirtualClock
from txaio.testutil._outcome import outcome

#: The module of each framework that offers ``framework_support()``.
SUPPORT_MODULES: dict[str, str] = {
    "asyncio": "txaio.testutil._aio_support",
    "twisted": "txaio.tx._testing",
}

#: How often (real seconds) a test on the virtual clock that waits for
#: something no timer will bring (a thread, real I/O) looks again.
IDLE_POLL = 0.001


class TimedOut(Exception):
    """A test's future did not complete within its timeout (real seconds)."""


class FrameworkSupport(Protocol):
    """What the pytest plugin and ``virtual_clock()`` need from one framework."""

    def make_clock(self) -> VirtualClock:
        """A fresh, not yet installed virtual clock."""

    def run(self, start: Callable[[], Any], timeout: float) -> Any:
        """Call ``start()`` inside the running loop/reactor; run until the future it returns is done.

        Returns that future; raises :class:`TimedOut` after cancelling it if
        it is not done within ``timeout`` real seconds.
        """

    def forward_logs(self) -> AbstractContextManager[None]:
        """For the block, make the framework's own log events stdlib log records too."""

    def close(self) -> None:
        """At the end of the test session: shut down what ``run()`` started (the reactor's threads)."""


#: The support objects handed out, so :func:`close_all` reaches each once.
_handed_out: dict[str, FrameworkSupport] = {}


def support_for(framework: str) -> FrameworkSupport:
    """The support object of ``framework``, or ImportError saying what to install."""
    if framework in _handed_out:
        return _handed_out[framework]
    module_name = SUPPORT_MODULES[framework]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        distribution = selection.FRAMEWORKS[framework].distribution
        raise ImportError(
            f"txaio's test support for {framework} comes with {distribution} ({exc}); "
            f"install it: pip install {distribution}"
        ) from exc
    support: FrameworkSupport = module.framework_support()
    _handed_out[framework] = support
    return support


def close_all() -> None:
    """Close every support object handed out (the plugin calls this when the session ends)."""
    while _handed_out:
        _handed_out.popitem()[1].close()


def run_on_clock(clock: VirtualClock, start: Callable[[], Any], timeout: float) -> Any:
    """Run ``start()``'s future on the virtual clock, jumping time to each next timer.

    So ``await txaio.sleep(3600)`` takes no real time.  ``timeout`` is in real
    seconds: a test that keeps scheduling timers forever, or waits for
    something that never comes, raises :class:`TimedOut` (after its future is cancelled).
    """
    deadline = time.monotonic() + timeout
    future = start()
    while True:
        clock.advance()
        if txaio.is_called(future):
            return future
        if time.monotonic() >= deadline:
            txaio.cancel(future)
            clock.advance()
            outcome(future, handle_failure=True)  # the cancellation is ours: no "unhandled error" after
            raise TimedOut(f"the test was cancelled at virtual time {clock.now():g}")
        due = clock.next_due()
        if due is None:
            time.sleep(IDLE_POLL)
        else:
            clock.advance(max(due - clock.now(), 0.0))
