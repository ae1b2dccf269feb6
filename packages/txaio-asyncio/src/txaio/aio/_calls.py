"""The two operations that take ``*args, **kwargs`` (as_future, call_later), as closures over a config.

Calling a bound method that takes ``*args, **kwargs`` copies its arguments
once more than calling a plain function does; on these hot paths that copy
is a sizeable part of txaio's cost, so the module-level ``txaio.as_future``
and ``txaio.call_later`` are these closures, reading ``config.loop`` at each
call.  API objects delegate to the same closures, so the logic lives once.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from types import AsyncGeneratorType, CoroutineType
from typing import Any

from txaio.aio._loop import current_loop
from txaio.backend import PLAIN_RESULTS, Config, check_call_later


def bind_as_future(config: Config) -> Callable[..., asyncio.Future[Any]]:
    """``as_future(fun, *args, **kwargs)`` on ``config``'s loop."""

    def as_future(fun: Callable[..., Any], *args: Any, **kwargs: Any) -> asyncio.Future[Any]:
        """Call ``fun`` and always return a future of its outcome.

        A returned future is handed back as it is; a returned coroutine of any
        kind (so a coroutine function too) becomes a task on the loop; a value or an
        exception (wrong arguments included) becomes a done future.
        """
        loop = config.loop
        if loop is None:
            loop = current_loop()
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
            check_call_later(delay, fun)  # refuses, saying what was wrong, what would fail later
        loop = config.loop
        if loop is None:
            loop = current_loop()
        if args:
            if kwargs:
                return loop.call_later(delay, functools.partial(fun, *args, **kwargs))  # type: ignore[no-any-return]
            return loop.call_later(delay, fun, *args)  # type: ignore[no-any-return]
        if kwargs:
            return loop.call_later(delay, functools.partial(fun, **kwargs))  # type: ignore[no-any-return]
        return loop.call_later(delay, fun)  # type: ignore[no-any-return]  # the common case: no * unpacking

    return call_later
