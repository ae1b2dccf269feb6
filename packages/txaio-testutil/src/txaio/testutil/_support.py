"""The one hook through which txaio-testutil asks a framework for what tests need.

Each framework's descriptor (``txaio.backend.Framework``) names, as its
``test_support``, a factory of a :class:`FrameworkSupport`: a virtual clock,
a way to run a test's future to completion on the real loop or reactor, and
a way to show the framework's log events to stdlib logging (so pytest's
``caplog`` sees them).  Each backend ships its own (``txaio.aio._testing``,
``txaio.tx._testing``), so only txaio-twisted imports Twisted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol

import txaio
from txaio.backend import Framework, TestTimedOut, VirtualClock, find_framework
from txaio.testutil._outcome import outcome

#: How often (real seconds) a test on the virtual clock that waits for
#: something no timer will bring (a thread, real I/O) looks again.
IDLE_POLL = 0.001


#: A test's future did not complete within its timeout (real seconds).
TimedOut = TestTimedOut


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


# Optional, looked up with getattr so that an older backend still works without them:
# ``use_loop_factory(factory)`` (asyncio: make each test's loop with ``factory``, for
# ``--txaio-asyncio-loop``) and ``test_scope()`` (a context manager around each test that
# runs on the framework while such an option is in force).


#: The support objects handed out, so :func:`close_all` reaches each once.
_handed_out: dict[str, FrameworkSupport] = {}


def framework_factory(framework: str, what: str, load: Callable[[Framework], Any]) -> Callable[[], Any]:
    """The factory of ``what`` that ``framework``'s descriptor names, loaded with ``load``.

    Unknown framework: ValueError; backend or factory not importable: ImportError
    naming what to install; a framework that offers none: ValueError.
    """
    descriptor = find_framework(framework)
    try:
        factory = load(descriptor)
    except ImportError as exc:
        raise ImportError(
            f"the {framework} {what} comes with {descriptor.distribution} ({exc}); "
            f"install it: pip install {descriptor.distribution}"
        ) from None  # the cause stays reachable as __context__
    if factory is None:
        raise ValueError(f"txaio framework {framework!r} ({descriptor.distribution}) offers no {what}")
    return factory  # type: ignore[no-any-return]


def support_for(framework: str) -> FrameworkSupport:
    """The support object of ``framework``, or ImportError saying what to install."""
    if framework in _handed_out:
        return _handed_out[framework]
    support: FrameworkSupport = framework_factory(framework, "test support", Framework.load_test_support)()
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
