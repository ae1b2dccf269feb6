"""The operations that make something on the configured loop at each call, as closures over a config.

``create_future``, ``as_future`` and ``call_later`` are hot paths.  Calling
a bound method costs more than calling a plain function, and one that takes
``*args, **kwargs`` copies its arguments once more, so the module-level
``txaio.create_future``, ``txaio.as_future`` and ``txaio.call_later`` are
these closures, reading ``config.loop`` at each call.  API objects delegate
to the same closures, so the logic lives once.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from types import AsyncGeneratorType, CoroutineType
from typing import Any

from txaio import backend
from txaio.aio._failure import exception_of
from txaio.aio._futures import CancellableFuture
from txaio.aio._loop import CONFIGURED, closed_loop_error, current_loop, open_loop
from txaio.backend import PLAIN_RESULTS, UNSET, Config


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
