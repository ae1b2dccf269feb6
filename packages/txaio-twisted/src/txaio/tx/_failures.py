"""Failures on Twisted: ``twisted.python.failure.Failure`` is txaio's IFailedFuture.

Errbacks receive a bare Failure, as Twisted code expects.  The helpers here
also accept any other IFailedFuture (an object with the exception in
``.value``), so code that got a failure from elsewhere can still format it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any, cast

from twisted.python.failure import Failure, NoCurrentExceptionError

from txaio.interfaces import IFailedFuture

IFailedFuture.register(Failure)

#: ``Failure`` under a typed name: its constructor is not annotated upstream.
new_failure: Callable[..., Failure] = Failure


def current_failure(caller: str) -> Failure:
    """A Failure of the exception being handled, or a clear error outside ``except``."""
    try:
        return new_failure()
    except NoCurrentExceptionError:
        raise NoCurrentExceptionError(
            f"{caller} without an error must be called inside an except block (there is no current exception)"
        ) from None


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
    raise TypeError(
        f"{caller} needs an exception, an IFailedFuture or None (inside an except block), "
        f"not {type(error).__name__}: {error!r}"
    )


def create_failure(exception: BaseException | None = None) -> Failure:
    """A Failure for ``exception``, or for the exception being handled if None."""
    if exception is None:
        return current_failure("create_failure()")
    return to_failure(exception, "create_failure()")


def _value_of(fail: Any, caller: str) -> BaseException:
    value = getattr(fail, "value", None)
    if not isinstance(value, BaseException):
        raise TypeError(f"{caller} needs an IFailedFuture (with the exception in .value), not {type(fail).__name__}")
    return value


def _twisted_failure(fail: object) -> Failure | None:
    """``fail`` if it is a Failure (typed ``object``: mypy cannot see the IFailedFuture registration)."""
    return fail if isinstance(fail, Failure) else None


def failure_message(fail: IFailedFuture) -> str:
    """One line for a user, ``"RuntimeError: it failed"``."""
    value = _value_of(fail, "failure_message()")
    failure = _twisted_failure(fail)
    text = str(value) if failure is None else failure.getErrorMessage()
    return f"{type(value).__name__}: {text}"


def failure_traceback(fail: IFailedFuture) -> TracebackType | None:
    """The traceback of the failure (Twisted may hand back a stand-in built from saved frames)."""
    failure: Any = _twisted_failure(fail)  # Any: getTracebackObject is not annotated upstream
    if failure is None:
        return _value_of(fail, "failure_traceback()").__traceback__
    return cast("TracebackType | None", failure.getTracebackObject())


def failure_format_traceback(fail: IFailedFuture) -> str:
    """The failure's traceback as text, ending with the exception line."""
    failure = _twisted_failure(fail)
    if failure is not None:
        return failure.getTraceback()
    value = _value_of(fail, "failure_format_traceback()")
    return "".join(traceback.format_exception(type(value), value, value.__traceback__))
