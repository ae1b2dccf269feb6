"""The txaio API on asyncio, bound to one configuration (one event loop, or "find it").

Operations that make something new (futures, tasks, delayed calls, timers)
read ``config.loop`` at call time, so ``txaio.config.loop = loop`` takes
effect at once; the operations on an existing future are shared functions.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from txaio import backend
from txaio.aio import _failure, _futures
from txaio.aio._failure import FailedFuture, exception_of
from txaio.aio._loop import bind_as_future, bind_call_later, bind_create_future, current_loop, open_loop
from txaio.backend import UNSET, Config, FrameworkApi
from txaio.backend import Unset as _Unset
from txaio.interfaces import IBatchedTimer, IFailedFuture

_Future = asyncio.Future[Any]
_INFINITY = float("inf")
_asyncio_gather = asyncio.gather


def _load_gathering(items: list[Any], loop: asyncio.AbstractEventLoop, return_exceptions: bool) -> _Future | None:
    """The first gather loads ``_gathering`` (start-up does not need it), then calls it from now on."""
    global _gather_futures  # replaced once by what it loads
    from txaio.aio._gathering import gather_futures

    _gather_futures = gather_futures
    return gather_futures(items, loop, return_exceptions)


_gather_futures: Callable[[list[Any], asyncio.AbstractEventLoop, bool], _Future | None] = _load_gathering


def bind_gather(config: Config) -> Callable[..., _Future]:
    """``gather(futures, consume_exceptions=True)`` on ``config``'s loop.

    The fast path takes a list of our own futures, with an open loop configured,
    to ``_gathering.gather_futures``, which gathers them as ``asyncio.gather``
    would; anything else (coroutines, Deferreds and other awaitables, an empty
    list, a bad input, no loop configured, a closed one) takes
    ``_gather_others``, which checks every input before it schedules any.
    """

    def gather(futures: Iterable[Any], consume_exceptions: bool = True) -> _Future:
        """A future of every result in input order (see ``AsyncioApi.gather``)."""
        items = futures if type(futures) is list else list(futures)
        loop = config.loop
        if items and loop is not None and not loop.is_closed():
            gathered = _gather_futures(items, loop, consume_exceptions)
            if gathered is not None:
                return gathered
        return _gather_others(config, items, consume_exceptions)

    return gather


def _gather_others(config: Config, items: list[Any], consume_exceptions: bool) -> _Future:
    """The slow path of gather: any input, each checked before any is scheduled."""
    others = False
    for item in items:  # check all before scheduling any, so a bad input leaves nothing running
        if not (asyncio.isfuture(item) or inspect.iscoroutine(item)):
            if not inspect.isawaitable(item):
                raise TypeError(f"gather() takes futures and coroutines, not {type(item).__name__}")
            others = True
    try:
        configured: asyncio.AbstractEventLoop | None = config.loop
        loop = current_loop() if configured is None else open_loop(configured)
        if others:
            items = _adopt_others(items, loop)
    except RuntimeError:  # no loop, a closed one, or a Deferred no reactor runs: the coroutines will never run
        for item in items:
            if inspect.iscoroutine(item):
                item.close()
        raise
    children = [item if asyncio.isfuture(item) else asyncio.ensure_future(item, loop=loop) for item in items]
    if not children:
        empty: _Future = loop.create_future()
        empty.set_result([])
        return empty
    return _asyncio_gather(*children, return_exceptions=consume_exceptions)


def _set_unless_cancelled(future: _Future, result: Any) -> None:
    if not future.done():
        future.set_result(result)


def _adopt_others(items: list[Any], loop: asyncio.AbstractEventLoop) -> list[Any]:
    """The slow path of ``gather``: each Deferred becomes a future (Twisted's reactor on ``loop``)."""
    adopted = [
        item if asyncio.isfuture(item) or inspect.iscoroutine(item) else backend.adopt_foreign(item, "asyncio", loop)
        for item in items
    ]
    return [item if new is None else new for item, new in zip(items, adopted, strict=True)]


def _loop_time(loop: asyncio.AbstractEventLoop) -> float:
    return loop.time()


def _loop_call_later(loop: asyncio.AbstractEventLoop, delay: float, fun: Callable[[], None]) -> asyncio.TimerHandle:
    return loop.call_later(delay, fun)


def _report_batched_error(loop: asyncio.AbstractEventLoop, exc: BaseException) -> None:
    loop.call_exception_handler(
        {"message": f"txaio: a batched timer call raised {type(exc).__name__}: {exc}", "exception": exc}
    )


class AsyncioApi(FrameworkApi):
    """Every txaio operation on asyncio, using ``config.loop`` or the current loop."""

    using_asyncio = True
    using_twisted = False

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self._create_future = bind_create_future(config)
        self._as_future = bind_as_future(config)
        self._call_later = bind_call_later(config)
        self._gather = bind_gather(config)

    def _loop(self) -> asyncio.AbstractEventLoop:
        """``config.loop`` when set; otherwise the running loop, else the thread's current one.

        A closed loop is refused here, before anything is made on it.
        """
        loop: asyncio.AbstractEventLoop | None = self._config.loop
        return current_loop() if loop is None else open_loop(loop)

    def create_future(
        self,
        result: Any = UNSET,
        error: Any = UNSET,
        canceller: Callable[[_Future], Any] | _Unset | None = UNSET,
    ) -> _Future:
        """A new future; already resolved with ``result`` (None counts) or failed with ``error``."""
        return self._create_future(result, error, canceller)

    def create_future_success(self, result: Any) -> _Future:
        """A future already resolved with ``result``."""
        future: _Future = self._loop().create_future()
        future.set_result(result)
        return future

    def create_future_error(self, error: BaseException | IFailedFuture | None = None) -> _Future:
        """A future already failed with ``error`` (the exception being handled if None)."""
        exception = exception_of(error, "create_future_error()")
        future: _Future = self._loop().create_future()
        future.set_exception(exception)
        return future

    def as_future(self, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> _Future:
        """Call ``fun`` and always return a future of its outcome (see ``_loop``)."""
        return self._as_future(fun, *args, **kwargs)

    # These take only asyncio futures, narrower than the contract's Future protocol
    # (its typed signatures are what txaio.* and txaio.aio.* show to checkers).
    is_future = staticmethod(_futures.is_future)
    resolve = staticmethod(_futures.resolve)  # type: ignore[assignment]
    reject = staticmethod(_futures.reject)  # type: ignore[assignment]
    cancel = staticmethod(_futures.cancel)  # type: ignore[assignment]
    add_callbacks = staticmethod(_futures.add_callbacks)  # type: ignore[assignment]

    def is_called(self, future: _Future) -> bool:  # type: ignore[override]
        """True once ``future`` has a result, an error, or was cancelled."""
        return future.done()

    def gather(self, futures: Iterable[Any], consume_exceptions: bool = True) -> _Future:
        """A future of every result in input order.

        With ``consume_exceptions`` a failed input puts its exception in the
        list; without, the first failure fails the whole.  A bad input raises
        TypeError before any input is scheduled.
        """
        return self._gather(futures, consume_exceptions)

    def create_failure(self, exception: BaseException | None = None) -> FailedFuture:
        """A failure of ``exception`` (the one being handled if None), keeping its traceback."""
        return _failure.create_failure(exception)

    def failure_message(self, fail: IFailedFuture) -> str:
        """``"RuntimeError: it failed"``."""
        return _failure.failure_message(fail)

    def failure_traceback(self, fail: IFailedFuture) -> TracebackType | None:
        """The traceback object of the failure."""
        return _failure.failure_traceback(fail)

    def failure_format_traceback(self, fail: IFailedFuture) -> str:
        """The failure's traceback, formatted as Python prints one."""
        return _failure.failure_format_traceback(fail)

    def call_later(self, delay: float, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> asyncio.TimerHandle:
        """Call ``fun(*args, **kwargs)`` in ``delay`` seconds; the handle's ``cancel()`` stops it."""
        return self._call_later(delay, fun, *args, **kwargs)

    def sleep(self, delay: float) -> _Future:
        """A future resolved with None after ``delay`` seconds; cancelling it drops the timer."""
        kind = type(delay)
        if (kind is not float and kind is not int) or not 0 <= delay < _INFINITY:
            delay = backend.check_sleep(delay)  # NaN and infinity refused, any Real taken, negative is now
        loop = self._loop()
        future: _Future = loop.create_future()
        handle = loop.call_later(delay, _set_unless_cancelled, future, None)
        future.add_done_callback(lambda _: handle.cancel())
        return future

    def make_batched_timer(self, bucket_seconds: float, chunk_size: int = 100) -> IBatchedTimer:
        """A timer that fires its calls in buckets of ``bucket_seconds``, ``chunk_size`` at a time.

        It binds to no loop: each ``call_later`` uses the loop an operation
        would use then (so a timer made at import time fires inside
        ``asyncio.run()``, and again in the next one), and a bucket belongs to
        the loop it was scheduled on.  An exception from one call goes to that
        loop's exception handler, with its traceback.
        """
        return backend.BatchedTimer(
            bucket_seconds,
            chunk_size,
            scheduler=self._loop,
            clock=_loop_time,
            call_later=_loop_call_later,
            report_error=_report_batched_error,
        )

    def __repr__(self) -> str:
        return f"<txaio asyncio API, {self._config!r}>"
