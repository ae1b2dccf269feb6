"""What txaio-testutil's pytest plugin needs from Twisted (its ``framework_support()`` hook).

- run a test's Deferred (or coroutine) to completion in the reactor, with a
  timeout: inside pytest-twisted's reactor greenlet when that plugin runs
  the reactor, else by running the global reactor until the test is done
  and stopping it with ``crash()`` (so the next test can run it again, as
  trial does);
- forward ``twisted.logger`` events to stdlib logging, so pytest's
  ``caplog`` sees txaio's (and Twisted's) log lines;
- the Twisted virtual clock.

Only txaio-testutil loads this module (``txaio.testutil._support``), so the
``txaio.testutil`` names it builds on are always there when it runs.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any, cast

from twisted.internet.defer import CancelledError, Deferred, ensureDeferred, fail
from twisted.logger import ILogObserver, LogLevel, formatEvent, globalLogPublisher
from twisted.python.failure import Failure

import txaio
from txaio.backend import TestTimedOut, VirtualClock
from txaio.log.sink import STDLIB_LEVELNO
from txaio.tx._reactor import global_reactor


class TwistedSupport:
    """Runs tests in the reactor and shows Twisted's log events to stdlib logging."""

    def __init__(self) -> None:
        #: The reactor this object ran itself (not pytest-twisted), to be shut down at the end.
        self._ran: Any = None

    def use_asyncio_reactor(self, loop_factory: Callable[[], Any] | None = None) -> None:
        """Install Twisted's asyncio reactor on a new loop of ``loop_factory`` (default: asyncio's own).

        For txaio-testutil's ``--txaio-twisted-reactor=asyncio``; it must run
        before anything installs a reactor.  A reactor already installed that
        is asyncio's is kept; one of another kind raises RuntimeError.
        """
        if "twisted.internet.reactor" in sys.modules:
            from twisted.internet import asyncioreactor, reactor

            if isinstance(reactor, asyncioreactor.AsyncioSelectorReactor):
                return
            raise RuntimeError(
                f"a Twisted reactor of another kind is already installed ({type(reactor).__name__}): "
                "nothing may import twisted.internet.reactor before the tests start"
            )
        import asyncio

        from twisted.internet import asyncioreactor

        loop = (loop_factory or asyncio.new_event_loop)()
        asyncioreactor.install(loop)  # type: ignore[no-untyped-call]

    def drop_stray_loop(self) -> None:
        """Close a loop that installing asyncio's reactor again made and left current (pytest-twisted does).

        ``asyncioreactor.install()`` without a loop makes one and sets it as
        this thread's current loop before it finds a reactor installed; left
        there, it is never closed.
        """
        import asyncio

        reactor = sys.modules.get("twisted.internet.reactor")
        ours = getattr(reactor, "_asyncioEventloop", None)
        with warnings.catch_warnings():  # the policy API is deprecated from Python 3.14; this reads only
            warnings.simplefilter("ignore", DeprecationWarning)
            policy: Any = asyncio.get_event_loop_policy()
        stray = getattr(getattr(policy, "_local", None), "_loop", None)
        if stray is not None and stray is not ours and not stray.is_running() and not stray.is_closed():
            asyncio.set_event_loop(None)
            stray.close()

    def make_clock(self) -> VirtualClock:
        from txaio.tx._virtual_clock import TwistedVirtualClock

        return TwistedVirtualClock()

    def run(self, start: Callable[[], Any], timeout: float) -> Any:
        reactor = txaio.config.loop or global_reactor()
        test: list[Deferred[Any]] = []
        finished: Deferred[None] = Deferred()
        timed_out: list[bool] = []

        def begin() -> None:
            try:
                made = start()
                deferred = made if isinstance(made, Deferred) else ensureDeferred(made)
            except BaseException:
                deferred = fail()  # the exception being handled
            test.append(deferred)
            timer = reactor.callLater(timeout, expire)

            def done(result: object) -> object:
                if timer.active():
                    timer.cancel()
                # Not right here: pytest-twisted switches greenlets when it
                # fires, which would leave this Deferred mid-callbacks.
                reactor.callLater(0, finished.callback, None)
                return result

            deferred.addBoth(done)

        def expire() -> None:
            timed_out.append(True)
            test[0].cancel()

        reactor.callLater(0, begin)
        if not _wait_under_pytest_twisted(finished):
            self._ran = reactor
            _run_until(reactor, finished)
        if timed_out:
            test[0].addErrback(_ignore_cancelled)
            raise TestTimedOut("the test was cancelled")
        return test[0]

    def forward_logs(self) -> contextlib.AbstractContextManager[None]:
        return _forwarding_logs()

    def close(self) -> None:
        """Shut down the reactor this ran, as ``reactor.stop()`` does (its thread pool, then exit).

        Without this, a thread the reactor's pool started (``deferToThread``)
        would keep the process from exiting after the last test.
        """
        reactor, self._ran = self._ran, None
        if reactor is not None and not reactor.running:
            reactor.callWhenRunning(reactor.stop)
            reactor.run(installSignalHandlers=False)


def _ignore_cancelled(failure: Failure) -> Failure | None:
    """The cancellation that a timeout caused is handled: Twisted logs no "Unhandled error" for it."""
    return None if isinstance(failure.value, CancelledError) else failure


def _wait_under_pytest_twisted(finished: Deferred[None]) -> bool:
    """When pytest-twisted owns the reactor (runs it in its greenlet), wait in there; else False."""
    pytest_twisted = sys.modules.get("pytest_twisted")
    greenlet = getattr(getattr(pytest_twisted, "_instances", None), "gr_twisted", None)
    if pytest_twisted is None or greenlet is None or greenlet.dead:
        return False
    pytest_twisted.blockon(finished)
    return True


def _run_until(reactor: Any, finished: Deferred[None]) -> None:
    """Run the reactor until ``finished`` fires, then stop it with ``crash()`` so it can run again.

    Ctrl-C stops the run and raises KeyboardInterrupt here: the reactor's
    main loop would otherwise log the interrupt and carry on.
    """
    if reactor.running:
        raise RuntimeError(
            "the Twisted reactor is already running (in another thread, or this test runs inside it): "
            "txaio's pytest plugin cannot run a test in it; use pytest-twisted, or the txaio_clock fixture"
        )
    finished.addBoth(lambda _: reactor.crash())
    with _interrupt_stops(reactor) as interrupted:
        reactor.run(installSignalHandlers=False)
    if interrupted:
        raise KeyboardInterrupt


@contextlib.contextmanager
def _interrupt_stops(reactor: Any) -> Iterator[list[bool]]:
    """While the block runs the reactor, SIGINT stops it; the list yielded tells whether that happened."""
    interrupted: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield interrupted
        return

    def stop(signum: int, frame: object) -> None:
        interrupted.append(True)
        reactor.callFromThread(reactor.crash)  # wakes the reactor up from its wait

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _forwarding_logs() -> Iterator[None]:
    observer = cast(ILogObserver, StdlibForwarder())
    globalLogPublisher.addObserver(observer)
    try:
        yield
    finally:
        globalLogPublisher.removeObserver(observer)


class StdlibForwarder:
    """A twisted.logger observer that hands each event to the stdlib logger of its namespace."""

    def __call__(self, event: dict[str, Any]) -> None:
        name = event.get("log_namespace") or "twisted"
        target = logging.getLogger(name)
        levelno = _levelno(event)
        if not target.isEnabledFor(levelno):
            return
        failure = event.get("log_failure")
        exc_info = None
        if isinstance(failure, Failure) and isinstance(failure.value, BaseException):
            exc_info = (type(failure.value), failure.value, failure.value.__traceback__)
        record = target.makeRecord(name, levelno, "(twisted.logger)", 0, formatEvent(event), (), exc_info)
        record.created = event.get("log_time", record.created)
        target.handle(record)


def _levelno(event: dict[str, Any]) -> int:
    txaio_level = event.get("txaio_level")
    if txaio_level in STDLIB_LEVELNO:
        return STDLIB_LEVELNO[txaio_level]
    # Twisted's levels are named constants (instances of NamedConstant, not of LogLevel)
    name = getattr(event.get("log_level", LogLevel.info), "name", "info")
    return STDLIB_LEVELNO.get(name, logging.INFO)


def framework_support() -> TwistedSupport:
    """The support hook of Twisted (see ``txaio.testutil._support``)."""
    return TwistedSupport()
