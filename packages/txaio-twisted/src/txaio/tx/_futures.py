"""The future operations on Twisted: a txaio future is a plain ``Deferred``, its failure a ``Failure``.

None of these need a reactor, so they are plain functions shared by the
module-level API and every ``with_config`` object.  They are hot paths: each
does the least it can on top of the Deferred call it wraps.

``twisted.python.failure.Failure`` is txaio's IFailedFuture: errbacks receive
a bare Failure, as Twisted code expects.  The failure helpers also accept any
other IFailedFuture (an object with the exception in ``.value``), so code
that got a failure from elsewhere can still format it.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine, Iterable
from types import AsyncGeneratorType, CoroutineType, TracebackType
from typing import Any, cast

from twisted.internet.defer import Deferred, DeferredList, fail, succeed
from twisted.python.failure import Failure, NoCurrentExceptionError

from txaio.backend import (
    PLAIN_RESULTS,
    UNSET,
    NotAnExceptionError,
    describe,
    exception_message,
    exception_of_failure,
    message_fallback,
    traceback_fallback,
)
from txaio.interfaces import IFailedFuture

IFailedFuture.register(Failure)

#: ``Failure`` under a typed name: its constructor is not annotated upstream.
new_failure: Callable[..., Failure] = Failure


def current_failure(caller: str) -> Failure:
    """A Failure of the exception being handled, or a clear error outside ``except``."""
    try:
        return new_failure()
    except NoCurrentExceptionError:
        raise _outside_except(caller) from None


def _outside_except(caller: str) -> NoCurrentExceptionError:
    return NoCurrentExceptionError(
        f"{caller} without an error must be called inside an except block (there is no current exception)"
    )


def to_failure(error: Any, caller: str) -> Failure:
    """The Failure for ``error``: an exception, an IFailedFuture, or None (the current exception)."""
    if error is None:
        return current_failure(caller)
    if isinstance(error, Failure):
        return error
    if isinstance(error, BaseException):
        return new_failure(error)
    if isinstance(error, IFailedFuture):
        value = error.value
        return new_failure(value, type(value), value.__traceback__)
    raise NotAnExceptionError(
        f"{caller} needs an exception, an IFailedFuture or None (inside an except block), not {describe(error)}"
    )


def create_failure(exception: BaseException | None = None) -> Failure:
    """A Failure for ``exception``, or for the exception being handled if None."""
    if exception is None:  # current_failure, inlined: the common case, in an except block
        try:
            return new_failure()
        except NoCurrentExceptionError:
            raise _outside_except("create_failure()") from None
    return to_failure(exception, "create_failure()")


def _twisted_failure(fail: object) -> Failure | None:
    """``fail`` if it is a Failure (typed ``object``: mypy cannot see the IFailedFuture registration)."""
    return fail if isinstance(fail, Failure) else None


def failure_message(fail: IFailedFuture) -> str:
    """One line for a user, ``"RuntimeError: it failed"``; never raises."""
    failure: object = fail  # typed object: mypy cannot see the IFailedFuture registration
    try:
        if isinstance(failure, Failure):
            return f"{type(failure.value).__name__}: {failure.getErrorMessage()}"
        value = exception_of_failure(fail)
        if value is not None:
            return exception_message(value)
    except Exception:
        pass
    return message_fallback(fail)


def failure_traceback(fail: IFailedFuture) -> TracebackType | None:
    """The traceback of the failure (Twisted may hand back a stand-in built from saved frames).

    None if there is none, or if ``fail`` is not a failure: this never raises.
    """
    failure: Any = _twisted_failure(fail)  # Any: getTracebackObject is not annotated upstream
    if failure is None:
        value = exception_of_failure(fail)
        return None if value is None else value.__traceback__
    try:
        return cast("TracebackType | None", failure.getTracebackObject())
    except Exception:
        return None


def failure_format_traceback(fail: IFailedFuture) -> str:
    """The failure's traceback as Python prints one, whole exception chain included; never raises.

    Python's text (the one asyncio gives, written by ``format_exception_chain``)
    over the Failure's traceback (its saved frames once it was cleaned), so the
    cause and the context (``raise ... from ...``, an error while handling
    another) are shown as Python shows them on both frameworks; Twisted's
    ``getTraceback()`` leaves them out.  Twisted's own text is the fallback.
    """
    from txaio.backend import format_exception_chain  # here: start-up does not pay for it

    subject: object = fail  # typed object: mypy cannot see the IFailedFuture registration
    failure: Any = subject if isinstance(subject, Failure) else None  # Any: getTracebackObject is not annotated
    try:
        if failure is not None:
            try:
                return format_exception_chain(failure.value, failure.getTracebackObject())
            except Exception:
                return cast(str, failure.getTraceback())
        value = exception_of_failure(fail)
        if value is not None:
            return format_exception_chain(value, value.__traceback__)
    except Exception:
        pass
    return traceback_fallback(fail)


def create_future(result: Any = UNSET, error: Any = UNSET, canceller: Any = UNSET) -> Deferred[Any]:
    """A new Deferred; already resolved with ``result`` or failed with ``error``."""
    if result is UNSET:
        if error is UNSET:
            if canceller is UNSET or canceller is None:
                return Deferred()
            return Deferred(_checked_canceller(canceller))
        failure = to_failure(error, "create_future(error=...)")
        future: Deferred[Any] = Deferred(_checked_canceller(canceller))
        future.errback(failure)
        return future
    if error is not UNSET:
        raise ValueError("create_future() takes a result or an error, not both")
    future = Deferred(_checked_canceller(canceller))
    future.callback(result)
    return future


def _checked_canceller(canceller: Any) -> Callable[[Deferred[Any]], None] | None:
    if canceller is UNSET or canceller is None:
        return None
    if not callable(canceller):
        raise TypeError(f"canceller must be a callable taking the future, not {type(canceller).__name__}")
    return _ReportingCanceller(canceller)


class _ReportingCanceller:
    """A canceller whose exception is logged, not raised: Twisted then cancels the Deferred all the same.

    Twisted lets a canceller's exception out of ``cancel()`` and leaves the
    Deferred pending for ever, so whatever waits on it would hang.
    """

    __slots__ = ("canceller",)

    def __init__(self, canceller: Callable[[Deferred[Any]], object]) -> None:
        self.canceller = canceller

    def __call__(self, future: Deferred[Any]) -> None:
        try:
            self.canceller(future)
        except Exception:
            from txaio.tx._logging import make_logger  # only a canceller that fails needs it

            make_logger(namespace="txaio.tx").failure(
                "txaio: the canceller {canceller!r} raised; the future is cancelled all the same",
                canceller=self.canceller,
            )


def create_future_success(result: Any) -> Deferred[Any]:
    """A Deferred already resolved with ``result``."""
    return succeed(result)


def create_future_error(error: BaseException | IFailedFuture | None = None) -> Deferred[Any]:
    """A Deferred already failed with ``error`` (the exception being handled if None)."""
    return fail(to_failure(error, "create_future_error()"))


def as_future(fun: Callable[..., Any], *args: Any, **kwargs: Any) -> Deferred[Any]:
    """Call ``fun`` and hand back a Deferred of its outcome.

    A returned Deferred is handed back as it is; a returned coroutine of any
    kind (from a coroutine function or a plain function) runs as a Deferred; a raised
    exception or a returned Failure gives a failed Deferred.  An async
    generator is a programming error, raised as TypeError at once.
    """
    try:
        result = fun(*args, **kwargs)
    except Exception:
        return fail(new_failure())
    # Deferred's metaclass is ABCMeta, whose isinstance() misses cost 10x a plain type check.
    kind = type(result)
    if kind is Deferred:
        return result  # type: ignore[no-any-return]
    if kind in PLAIN_RESULTS:
        return succeed(result)
    if Deferred in kind.__mro__:
        return result  # type: ignore[no-any-return]
    if isinstance(result, _SPECIAL_RESULTS):
        return _special_result(result)
    return succeed(result)


#: Results that ``as_future`` does not simply wrap: the plain classes first (cheap checks), then
#: the ABC every coroutine kind is registered with (Cython's too), then asyncio's futures and tasks.
_SPECIAL_RESULTS = (CoroutineType, Failure, AsyncGeneratorType, Coroutine, asyncio.Future)


def _special_result(result: Any) -> Deferred[Any]:
    """A Failure fails the Deferred, an async generator is refused, a coroutine of any kind runs.

    An asyncio future (on asyncio's reactor) becomes a Deferred of its outcome.
    """
    if isinstance(result, Failure):
        return fail(result)
    if isinstance(result, AsyncGeneratorType):
        raise TypeError(
            f"as_future() cannot run the async generator {result!r}: an async generator function is not "
            "a coroutine function; iterate it with 'async for' inside a coroutine instead"
        )
    if isinstance(result, asyncio.Future):
        from txaio.tx import _bridge  # here: only an asyncio future or coroutine on asyncio's reactor needs it

        return _bridge.deferred_of(result, "as_future()")
    return run_coroutine(result)  # Cython-compiled, or any other collections.abc.Coroutine


def run_coroutine(coroutine: Coroutine[Any, Any, Any]) -> Deferred[Any]:
    """A Deferred of a coroutine that runs now; on asyncio's reactor, as a task that may await both kinds."""
    if _ASYNCIO_REACTOR in _modules:  # else no reactor can be asyncio's: one lookup, no call
        from txaio.tx import _bridge

        loop = _bridge.reactor_loop()
        if loop is not None:
            return _bridge.run_coroutine(coroutine, loop)
    return Deferred.fromCoroutine(coroutine)


_modules = sys.modules
_AsyncioFuture = asyncio.Future
_ASYNCIO_REACTOR = "twisted.internet.asyncioreactor"


def is_future(obj: Any) -> bool:
    """True if ``obj`` is a Deferred, or an asyncio future or task (which the operations take on asyncio's reactor)."""
    return isinstance(obj, (Deferred, _AsyncioFuture))


def is_called(future: Deferred[Any]) -> bool:
    """True once ``future`` has a result or a failure.

    Deferreds only: a hot path, kept to one attribute read (an asyncio future
    on asyncio's reactor: ``future.done()``, or ``txaio.as_future(lambda: future)`` first).
    """
    return future.called


def resolve(future: Deferred[Any], result: Any = None) -> None:
    """Resolve ``future`` with ``result``; its callbacks run now."""
    future.callback(result)


def reject(future: Deferred[Any], error: BaseException | IFailedFuture | None = None) -> None:
    """Fail ``future`` with ``error`` (the exception being handled if None); errbacks get a Failure."""
    if error is None:
        future.errback(current_failure("reject()"))
    else:
        future.errback(to_failure(error, "reject()"))


def cancel(future: Deferred[Any], msg: str | None = None) -> None:
    """Cancel ``future``: its canceller runs (once), then errbacks see CancelledError.

    Twisted's CancelledError carries no message, so ``msg`` is accepted for
    compatibility with asyncio and otherwise unused; an asyncio future gets it.
    """
    other: Any = future
    if type(other) is Deferred or not asyncio.isfuture(other):
        other.cancel()
    else:
        other.cancel(msg=msg)


def add_callbacks(
    future: Deferred[Any],
    callback: Callable[[Any], Any] | None,
    errback: Callable[[IFailedFuture], Any] | None,
) -> Deferred[Any]:
    """Add ``callback`` and/or ``errback`` to ``future`` and return it (Twisted chaining applies).

    An asyncio future (on asyncio's reactor) is taken as a Deferred of its outcome, which is returned.
    """
    try:
        if callback is None:
            if errback is None:
                raise ValueError("add_callbacks() needs a callback or an errback (both are None)")
            future.addErrback(errback)  # type: ignore[call-overload]
        elif errback is None:
            future.addCallback(callback)
        else:
            future.addCallbacks(callback, errback)
    except AttributeError:  # no Deferred: an asyncio future (on asyncio's reactor), else refused
        other: Any = future
        if isinstance(other, Deferred):
            raise
        return add_callbacks(_foreign(other, "add_callbacks()"), callback, errback)
    return future


def gather(futures: Iterable[Any], consume_exceptions: bool = True) -> Deferred[list[Any]]:
    """A Deferred of the list of results of ``futures``, in input order, once every one is done.

    With ``consume_exceptions`` a failed input puts its Failure in the list;
    without it, the result fails with the failure of the first input (in
    input order) that failed.  Either way the inputs' failures are handed to
    the result, so Twisted logs no "Unhandled error" for them, and callbacks
    added to an input after ``gather`` get None in place of its failure.
    """
    items = futures if type(futures) is list else list(futures)
    if not (items and _DEFERREDS.issuperset(map(type, items))):  # the fast path: Deferreds only, one C-level check
        items = _as_deferreds(items)
    gathered: Deferred[Any] = DeferredList(items, consumeErrors=True)
    gathered.addCallback(_values if consume_exceptions else _values_or_first_failure)
    return gathered


#: The inputs gather hands to DeferredList as they are, known by their exact type.
_DEFERREDS = frozenset({Deferred})


def _as_deferreds(items: list[Any]) -> list[Deferred[Any]]:
    """The inputs that are not all plain Deferreds, as Deferreds: every one checked before any coroutine starts."""
    for item in items:
        if not isinstance(item, (Deferred, Coroutine)):
            items = _with_foreign(items)
            break
    return [item if isinstance(item, Deferred) else run_coroutine(item) for item in items]


def _with_foreign(items: list[Any]) -> list[Any]:
    """The slow path of ``gather``: each asyncio future becomes a Deferred, all checked before any is."""
    for item in items:
        if not isinstance(item, (Deferred, Coroutine, _AsyncioFuture)):
            raise TypeError(
                f"gather() takes Deferreds, asyncio futures or coroutines, not {type(item).__name__}: {item!r}"
            )
    return [_foreign(item, "gather()") if isinstance(item, _AsyncioFuture) else item for item in items]


def _foreign(item: Any, what: str) -> Deferred[Any]:
    """A Deferred of an asyncio future (on asyncio's reactor); TypeError for anything else."""
    from txaio.tx import _bridge

    deferred = _bridge.to_deferred(item, what)
    if deferred is None:
        takes = "Deferreds, asyncio futures or coroutines" if what == "gather()" else "a Deferred or an asyncio future"
        raise TypeError(f"{what} takes {takes}, not {type(item).__name__}: {item!r}")
    return deferred


def _values(results: list[tuple[bool, Any]]) -> list[Any]:
    return [value for _, value in results]


def _values_or_first_failure(results: list[tuple[bool, Any]]) -> list[Any] | Failure:
    for succeeded, value in results:
        if not succeeded:
            failure: Failure = value
            return failure
    return _values(results)
