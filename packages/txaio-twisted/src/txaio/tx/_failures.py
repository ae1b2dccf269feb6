"""Failures on Twisted: ``twisted.python.failure.Failure`` is txaio's IFailedFuture.

Errbacks receive a bare Failure, as Twisted code expects.  The helpers here
also accept any other IFailedFuture (an object with the exception in
``.value``), so code that got a failure from elsewhere can still format it.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, cast

from twisted.python.failure import Failure, NoCurrentExceptionError

from txaio.backend import (
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
