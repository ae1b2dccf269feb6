"""Which asyncio event loop an operation uses when none is configured.

The rule, looked up at every call (never when something is made): the
running loop; otherwise the loop set as current for this thread; otherwise,
in the main thread only, txaio's own loop.  txaio's own loop is made on first
need, is never set as the thread's current loop (so it is never the loop that
``asyncio.run()`` or another library meets), and is closed by txaio when the
interpreter exits, so it leaves no ResourceWarning.  It exists because code
written for txaio 26.6.1 makes futures with no loop anywhere (Autobahn's own
tests do), which 26.6.1 served with ``asyncio.get_event_loop()``.  In any
other thread the answer is a RuntimeError.  A closed loop is refused at the
call with a RuntimeError that says what to do.  Nothing here emits a
DeprecationWarning on Python 3.11 to 3.15.

Here too the operations that make something on that loop at each call
(``create_future``, ``as_future``, ``call_later``), as closures over a config:
they are hot paths, and calling a bound method costs more than calling a
plain function, and one that takes ``*args, **kwargs`` copies its arguments
once more.  So the module-level ``txaio.create_future``, ``txaio.as_future``
and ``txaio.call_later`` are these closures, reading ``config.loop`` at each
call; API objects delegate to the same closures, so the logic lives once.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import sys
import threading
from collections.abc import Callable, Coroutine
from types import AsyncGeneratorType, CoroutineType
from typing import Any

from txaio import backend
from txaio.aio._failure import exception_of
from txaio.aio._futures import CancellableFuture
from txaio.backend import PLAIN_RESULTS, UNSET, Config

NO_LOOP_MESSAGE = (
    "txaio (asyncio) found no event loop in this thread (only the main thread has one of txaio's own): "
    "set txaio.config.loop, use txaio.with_config(loop=...), "
    "call from inside a running loop, or set a current loop with asyncio.set_event_loop()"
)


def closed_loop_error(loop: asyncio.AbstractEventLoop, where: str) -> RuntimeError:
    """The error for an operation that would use ``loop`` after it was closed."""
    return RuntimeError(
        f"txaio (asyncio): the event loop {where} ({loop!r}) is closed, so nothing made on it could ever "
        "complete; call from inside a running loop (asyncio.run(...)), or give txaio an open loop with "
        "txaio.config.loop = loop, txaio.with_config(loop=loop) or asyncio.set_event_loop(loop)"
    )


#: Where a configured loop comes from, for :func:`closed_loop_error`.
CONFIGURED = "in txaio's configuration (txaio.config.loop or with_config(loop=...))"


def open_loop(loop: asyncio.AbstractEventLoop) -> asyncio.AbstractEventLoop:
    """``loop`` (a configured one), or the clear error if it is closed."""
    if loop.is_closed():
        raise closed_loop_error(loop, CONFIGURED)
    return loop


if sys.version_info >= (3, 14):

    def thread_loop() -> asyncio.AbstractEventLoop | None:
        """The loop set as current for this thread, or None (3.14 never creates one here)."""
        try:
            return asyncio.get_event_loop()
        except RuntimeError:
            return None

else:

    def thread_loop() -> asyncio.AbstractEventLoop | None:
        """The loop set as current for this thread, or None.

        ``asyncio.get_event_loop()`` would create a loop (with a
        DeprecationWarning on 3.12 and 3.13) when none is set, so the default
        policy's thread-local slot is read instead; a policy of another kind
        is asked directly.
        """
        policy = asyncio.get_event_loop_policy()
        local: Any = getattr(policy, "_local", None)
        if local is None:
            try:
                return policy.get_event_loop()
            except RuntimeError:
                return None
        loop: asyncio.AbstractEventLoop | None = getattr(local, "_loop", None)
        return loop


def current_loop() -> asyncio.AbstractEventLoop:
    """The running loop, else this thread's current loop, else (main thread) txaio's own loop."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    loop = thread_loop()
    if loop is None:
        return own_loop()
    if loop.is_closed():
        raise closed_loop_error(loop, "set as this thread's current loop")
    return loop


_own: asyncio.AbstractEventLoop | None = None


def own_loop() -> asyncio.AbstractEventLoop:
    """txaio's own loop, made on first need in the main thread; RuntimeError in other threads.

    It is never set as current and never run by txaio: futures made on it
    can be resolved and inspected by synchronous code, and whoever wants
    their callbacks to run can run it (``own_loop().run_until_complete(f)``).
    """
    global _own
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError(NO_LOOP_MESSAGE)
    loop = _own
    if loop is None or loop.is_closed():
        loop = _own = asyncio.new_event_loop()
        if not _closing_registered:
            _register_closing()
    return loop


_closing_registered = False


def _register_closing() -> None:
    global _closing_registered
    _closing_registered = True
    atexit.register(close_own_loop)


def close_own_loop() -> None:
    """Close txaio's own loop, if it made one (at exit; tests call it too)."""
    global _own
    loop, _own = _own, None
    if loop is not None and not loop.is_running():
        loop.close()


def bind_create_future(config: Config) -> Callable[..., asyncio.Future[Any]]:
    """``create_future(result=, error=, canceller=)`` on ``config``'s loop."""

    def create_future(result: Any = UNSET, error: Any = UNSET, canceller: Any = UNSET) -> asyncio.Future[Any]:
        """A new future; already resolved with ``result`` (None counts) or failed with ``error``."""
        if result is UNSET and error is UNSET and canceller is UNSET:  # the common case, first
            loop = config.loop
            if loop is None:
                return current_loop().create_future()
            if loop.is_closed():  # a future on a closed loop could never complete
                raise closed_loop_error(loop, CONFIGURED)
            return loop.create_future()  # type: ignore[no-any-return]
        return _made_future(config, result, error, canceller)

    return create_future


def _made_future(config: Config, result: Any, error: Any, canceller: Any) -> asyncio.Future[Any]:
    """A future already resolved or failed, or with a canceller; each argument checked first."""
    if result is not UNSET and error is not UNSET:
        raise ValueError("create_future() takes a result or an error, not both")
    exception = None if error is UNSET else exception_of(error, "create_future(error=...)")
    if not (canceller is UNSET or canceller is None or callable(canceller)):
        raise TypeError(f"canceller must be callable or None, not {type(canceller).__name__}")
    loop = config.loop
    loop = current_loop() if loop is None else open_loop(loop)
    future: asyncio.Future[Any]
    if canceller is UNSET or canceller is None:
        future = loop.create_future()
    else:
        future = CancellableFuture(canceller, loop=loop)
    if exception is not None:
        future.set_exception(exception)
    elif result is not UNSET:
        future.set_result(result)
    return future


def bind_as_future(config: Config) -> Callable[..., asyncio.Future[Any]]:
    """``as_future(fun, *args, **kwargs)`` on ``config``'s loop."""

    def as_future(fun: Callable[..., Any], *args: Any, **kwargs: Any) -> asyncio.Future[Any]:
        """Call ``fun`` and always return a future of its outcome.

        A returned future is handed back as it is; a returned coroutine of any
        kind (so a coroutine function too) becomes a task on the loop; another
        framework's future (a Deferred, where Twisted's reactor runs on this
        loop) becomes a future of its outcome; a value or an exception (wrong
        arguments included) becomes a done future.
        """
        loop = config.loop
        if loop is None:
            loop = current_loop()
        elif loop.is_closed():  # refused before fun runs, so no coroutine is left never awaited
            raise closed_loop_error(loop, CONFIGURED)
        try:
            result = fun(*args, **kwargs) if kwargs else fun(*args)
        except Exception as exc:
            failed: asyncio.Future[Any] = loop.create_future()
            failed.set_exception(exc)
            return failed
        kind = type(result)
        if kind not in PLAIN_RESULTS:  # a plain value needs none of these checks
            if kind is CoroutineType:
                return loop.create_task(result)  # type: ignore[no-any-return]
            if kind is AsyncGeneratorType:
                raise TypeError(
                    f"as_future() got an async generator from {fun!r}: an async generator function cannot "
                    "become a future (did it use 'yield' where it meant 'await'?)"
                )
            if isinstance(result, asyncio.Future):
                return result
            if isinstance(result, Coroutine):  # Cython-compiled, or any other kind
                return loop.create_task(result)  # type: ignore[no-any-return]
            adopted = backend.adopt_foreign(result, "asyncio", loop)  # a Deferred, with Twisted on this loop
            if adopted is not None:
                return adopted  # type: ignore[no-any-return]
        done: asyncio.Future[Any] = loop.create_future()
        done.set_result(result)
        return done

    return as_future


def bind_call_later(config: Config) -> Callable[..., asyncio.TimerHandle]:
    """``call_later(delay, fun, *args, **kwargs)`` on ``config``'s loop."""

    def call_later(delay: float, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> asyncio.TimerHandle:
        """Call ``fun(*args, **kwargs)`` in ``delay`` seconds; the handle's ``cancel()`` stops it."""
        # A plain float: 0.0 when finite, NaN (truthy) for NaN and the infinities.  Anything but
        # a plain float or int (bool, complex, a str, another Real) takes the full check.
        odd = delay - delay if type(delay) is float else type(delay) is not int
        if odd or not callable(fun):
            delay = backend.check_call_later(delay, fun)  # refuses what would fail later; a float for any Real
        loop = config.loop
        if loop is None:
            loop = current_loop()
        elif loop.is_closed():
            raise closed_loop_error(loop, CONFIGURED)
        if args:
            if kwargs:
                return loop.call_later(delay, functools.partial(fun, *args, **kwargs))  # type: ignore[no-any-return]
            return loop.call_later(delay, fun, *args)  # type: ignore[no-any-return]
        if kwargs:
            return loop.call_later(delay, functools.partial(fun, **kwargs))  # type: ignore[no-any-return]
        return loop.call_later(delay, fun)  # type: ignore[no-any-return]  # the common case: no * unpacking

    return call_later
