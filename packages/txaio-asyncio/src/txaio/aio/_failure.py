"""Failures on asyncio: what errbacks receive, and the helpers that read any failure.

asyncio has no ``Failure`` type, so errbacks get a :class:`FailedFuture`
holding the exception and its traceback.  The ``failure_*`` helpers accept
any IFailedFuture (Twisted's ``Failure`` too), reading only ``.value``; they
run inside error handling, so they never raise (see ``txaio.backend``).
"""

from __future__ import annotations

import sys
from types import TracebackType

from txaio.backend import (
    NotAnExceptionError,
    describe,
    exception_message,
    exception_of_failure,
    message_fallback,
    safe_str,
    traceback_fallback,
)
from txaio.interfaces import IFailedFuture


class FailedFuture(IFailedFuture):
    """An exception, its type and its traceback, as an errback receives them."""

    __slots__ = ("_traceback", "_type", "_value")

    def __init__(
        self, type_: type[BaseException], value: BaseException, traceback: TracebackType | None = None
    ) -> None:
        self._type = type_
        self._value = value
        self._traceback = traceback

    @property
    def value(self) -> BaseException:
        """The exception instance."""
        return self._value

    @property
    def type(self) -> type[BaseException]:
        """The exception's class."""
        return self._type

    @property
    def tb(self) -> TracebackType | None:
        """The traceback captured with the exception."""
        return self._traceback

    def __str__(self) -> str:
        return safe_str(self._value)

    def __repr__(self) -> str:
        return f"<FailedFuture {failure_message(self)}>"


def failure_of(exception: BaseException) -> FailedFuture:
    """The FailedFuture of an exception instance, keeping its traceback."""
    return FailedFuture(type(exception), exception, exception.__traceback__)


def create_failure(exception: BaseException | None = None) -> FailedFuture:
    """A FailedFuture of ``exception``, or of the exception being handled if None."""
    if exception is None:
        exception = sys.exception()
        if exception is None:
            raise RuntimeError("create_failure() without an exception must be called inside an except block")
    elif not isinstance(exception, BaseException):
        raise TypeError(f"create_failure() needs an exception instance, not {type(exception).__name__}")
    return FailedFuture(type(exception), exception, exception.__traceback__)


def exception_of(error: BaseException | IFailedFuture | None, action: str) -> BaseException:
    """The exception to fail a future with: ``error`` itself, a failure's value, or the current one.

    ``action`` names the caller for the error messages.
    """
    if isinstance(error, BaseException):
        return error
    if error is None:
        current = sys.exception()
        if current is None:
            raise RuntimeError(f"{action} without an error must be called inside an except block")
        return current
    if isinstance(error, IFailedFuture):
        return error.value
    raise NotAnExceptionError(f"{action} needs an exception instance or an IFailedFuture, not {describe(error)}")


def failure_message(fail: IFailedFuture) -> str:
    """``"RuntimeError: it failed"``: the exception's class name and its text; never raises."""
    if type(fail) is FailedFuture:  # ours, the common case: read the slot, not through the property
        own = fail._value
        if isinstance(own, BaseException):
            try:
                return f"{type(own).__name__}: {own!s}"
            except Exception:  # its __str__ raised: say so in its place
                return exception_message(own)
    value = exception_of_failure(fail)
    return message_fallback(fail) if value is None else exception_message(value)


def failure_traceback(fail: IFailedFuture) -> TracebackType | None:
    """The traceback object of the failure; None if there is none, or ``fail`` is not a failure."""
    if isinstance(fail, FailedFuture):
        return fail._traceback
    value = exception_of_failure(fail)
    return None if value is None else value.__traceback__


def failure_format_traceback(fail: IFailedFuture) -> str:
    """The failure's traceback as Python prints one, whole chain included, ending with the exception line.

    Written by ``format_exception_chain``, as on Twisted: the same text, a
    fraction of the traceback module's cost.  Never raises.
    """
    from txaio.backend import format_exception_chain  # here: start-up does not pay for it

    value = exception_of_failure(fail)
    if value is not None:
        try:
            return format_exception_chain(value, failure_traceback(fail))
        except Exception:
            pass
    return traceback_fallback(fail)
