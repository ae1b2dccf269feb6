"""The operations on an existing asyncio future: they need no event loop of their own.

They are plain functions so that ``txaio.resolve(f, x)`` is one call away
from ``f.set_result(x)``; every API object (the default one and those of
``with_config``) shares them.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from types import MethodType as _Bound
from typing import Any

from txaio import backend
from txaio.aio._failure import FailedFuture, exception_of
from txaio.backend import PLAIN_RESULTS
from txaio.interfaces import IFailedFuture

_CancelledError = asyncio.CancelledError


class CancellableFuture(asyncio.Future[Any]):
    """A future with a canceller that runs inside ``cancel()``, before the future is cancelled.

    Running it first (as Twisted does) lets the canceller resolve or fail the
    future itself; if it does not, the future ends cancelled.  An exception
    from the canceller is logged through txaio's logging (critical, with its
    traceback) and the future still ends cancelled, so whatever waits on it is
    released and asyncio's own cancellation is never interrupted.
    """

    def __init__(self, canceller: Callable[[asyncio.Future[Any]], Any], *, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(loop=loop)
        self._txaio_canceller: Callable[[asyncio.Future[Any]], Any] | None = canceller

    def cancel(self, msg: Any | None = None) -> bool:
        canceller = self._txaio_canceller
        if canceller is not None and not self.done():
            self._txaio_canceller = None
            try:
                canceller(self)
            except Exception:
                report_canceller_error(canceller)
        return super().cancel(msg=msg)


def report_canceller_error(canceller: object) -> None:
    """Log the exception being handled, raised by ``canceller``, through txaio's logging."""
    from txaio.aio._logging import make_logger  # only a canceller that fails needs it

    make_logger(namespace="txaio.aio").failure(
        "txaio: the canceller {canceller!r} raised; the future is cancelled all the same", canceller=canceller
    )


def is_future(obj: Any) -> bool:
    """True for asyncio futures and tasks, for coroutines (as txaio 26.6.1 answers), and for Deferreds.

    A Deferred counts because the operations take it where Twisted's reactor
    runs on the loop (and refuse it clearly where none does).
    """
    return (
        asyncio.isfuture(obj)
        or inspect.iscoroutine(obj)
        or (type(obj) not in PLAIN_RESULTS and backend.is_foreign_future(obj))
    )


def adopted(obj: Any, what: str) -> asyncio.Future[Any]:
    """An asyncio future of another framework's future (a Deferred); TypeError for anything else."""
    future = backend.adopt_foreign(obj, "asyncio", None)
    if future is None:
        raise TypeError(f"{what} takes an asyncio future, not {type(obj).__name__}: {obj!r}")
    return future  # type: ignore[no-any-return]


def resolve(future: asyncio.Future[Any], result: Any = None) -> None:
    """Resolve ``future`` with ``result``; InvalidStateError if it is already done."""
    future.set_result(result)


def reject(future: asyncio.Future[Any], error: BaseException | IFailedFuture | None = None) -> None:
    """Fail ``future`` with an exception, a failure's exception, or the one being handled."""
    future.set_exception(exception_of(error, "reject()"))


def cancel(future: asyncio.Future[Any], msg: str | None = None) -> None:
    """Cancel ``future`` (no-op once done); errbacks then see a CancelledError carrying ``msg``.

    A Deferred is cancelled too (Twisted's cancellation carries no message).
    """
    try:
        future.cancel(msg=msg)
    except TypeError:
        other: Any = future
        if asyncio.isfuture(other) or not backend.is_foreign_future(other):
            raise
        other.cancel()


def add_callbacks(
    future: asyncio.Future[Any],
    callback: Callable[[Any], Any] | None,
    errback: Callable[[IFailedFuture], Any] | None,
) -> asyncio.Future[Any]:
    """Call ``callback(result)`` or ``errback(failure)`` when ``future`` is done; returns ``future``.

    A Deferred (Twisted's reactor on this loop) is taken as an asyncio future
    of its outcome, which is returned.  Each callback gets the future's own outcome: return values are not
    chained (that is Twisted's behaviour, not asyncio's).  A cancelled
    future counts as failed with a CancelledError.  Without an errback a
    failure is left unretrieved, so the loop's exception handler reports it
    when the future is collected, unless something else handled it.
    """
    # asyncio hands a done-callback the future, so an adapter stands between it and
    # ``callback``: a module-level function bound to the callback(s) as a method, which
    # costs one small allocation where a closure would cost three (cell, tuple, function).
    if errback is None and callable(callback):  # the common case, first
        try:
            future.add_done_callback(_Bound(_deliver_result, callback))
        except AttributeError:
            return add_callbacks(adopted(future, "add_callbacks()"), callback, errback)
        return future
    if errback is None:
        if callback is None:
            raise ValueError("add_callbacks() needs a callback or an errback; both are None")
        raise TypeError(f"add_callbacks(): the callback must be callable or None, not {type(callback).__name__}")
    if not callable(errback) or not (callback is None or callable(callback)):
        raise TypeError("add_callbacks(): the callback and the errback must each be callable or None")
    try:
        future.add_done_callback(_Bound(_deliver_outcome, (callback, errback)))
    except AttributeError:
        return add_callbacks(adopted(future, "add_callbacks()"), callback, errback)
    return future


def _deliver_result(callback: Callable[[Any], Any], f: asyncio.Future[Any]) -> None:
    """The adapter of a callback without an errback: a failure stays for someone else."""
    if f._exception is not None:
        # Not retrieved, so asyncio reports it (as Twisted reports an unhandled
        # failure) unless another errback or an ``await`` takes it.
        return
    try:
        value = f.result()
    except _CancelledError:
        return  # cancelled: there is no errback to tell
    callback(value)


def _deliver_outcome(
    callbacks: tuple[Callable[[Any], Any] | None, Callable[[IFailedFuture], Any]], f: asyncio.Future[Any]
) -> None:
    """The adapter of an errback (and maybe a callback): a failure, a cancellation too, goes to the errback."""
    try:
        exc = f.exception()
    except _CancelledError as cancelled:
        exc = cancelled
    if exc is not None:
        callbacks[1](FailedFuture(type(exc), exc, exc.__traceback__))
    elif callbacks[0] is not None:
        callbacks[0](f.result())


def is_called(future: asyncio.Future[Any]) -> bool:
    """True once ``future`` has a result, an error, or was cancelled.

    A real function, not ``asyncio.Future.done`` itself, so that
    ``is_called(future=f)`` works as it did in txaio 26.6.1.
    """
    try:
        return future.done()
    except AttributeError:
        raise TypeError(f"is_called() takes an asyncio future, not {type(future).__name__}") from None
