"""The stdlib ``logging`` backend: txaio's backend on asyncio and before selection.

Each message becomes a LogRecord of the stdlib logger named after the txaio
logger's namespace, so stdlib levels, handlers, filters and propagation
apply as to any stdlib record.  One exception: a txaio logger given a level
of its own (``keep=True``) is not held back by the stdlib logger's inherited
level, as if that level had been set on the stdlib logger.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import IO, TYPE_CHECKING, Any

from txaio.backend import exception_message, exception_of_failure
from txaio.log._levels import STDLIB_LEVELNO, is_enabled
from txaio.log._logger import (
    Logger,
    add_level_listener,
    format_message,
    get_global_log_level,
    remove_level_listener,
)
from txaio.log._output import LineWriter, format_local_line

if TYPE_CHECKING:
    from collections.abc import Callable

_LEVEL_OF_LEVELNO = sorted((no, name) for name, no in STDLIB_LEVELNO.items() if name != "none")


def txaio_level_of(levelno: int) -> str:
    """The txaio level of a stdlib level number (the nearest one at or below it)."""
    found = "trace"
    for number, name in _LEVEL_OF_LEVELNO:
        if name == "trace":
            continue  # trace shares DEBUG's number; below DEBUG is trace
        if levelno >= number:
            found = name
    return found


class StdlibBackend:
    """Emits txaio messages as stdlib LogRecords; starts logging with a root handler."""

    def emit(self, logger: Logger, level: str, message: str | None, event: dict[str, Any], failure: object) -> None:
        """Make and handle one LogRecord under ``logger.namespace``."""
        levelno = STDLIB_LEVELNO[level]
        target = logger._stdlib_logger
        if target is None:  # kept on the logger: txaio holds nothing per namespace
            target = logger._stdlib_logger = logging.getLogger(logger.namespace)
        if not target.isEnabledFor(levelno) and (
            not logger._log_level_set_explicitly or target.disabled or target.manager.disable >= levelno
        ):
            return
        now = time.time()
        event["log_time"] = now
        event["log_level"] = level
        event["log_namespace"] = logger.namespace
        event["log_format"] = message
        if level == "trace":
            event["txaio_trace"] = True
        if failure is not None:
            event["log_failure"] = failure
        else:  # a failure given as the key itself, log.error("{log_failure}", log_failure=f), reads the same
            failure = event.get("log_failure")
        exception = exception_in(failure)
        if exception is None:
            text = format_message(message, event)
        else:  # the event keeps the failure itself; only the message shows it as text
            text = format_message(message, {**event, "log_failure": FailureText(failure, exception)})
        try:
            caller = sys._getframe(3)
            where = (caller.f_code.co_filename, caller.f_lineno, caller.f_code.co_name)
        except ValueError:
            where = ("(unknown file)", 0, "(unknown function)")
        record = target.makeRecord(
            target.name,
            levelno,
            where[0],
            where[1],
            text,
            (),
            None if exception is None else (type(exception), exception, exception.__traceback__),
            func=where[2],
            extra={"log_format": message, "log_namespace": logger.namespace, "txaio_level": level, "log_event": event},
        )
        record.created = now
        target.handle(record)

    def start(self, out: IO[Any] | None, level: str) -> Callable[[], None]:
        """Add txaio's handler to the root logger (none if ``out`` is None), and make root
        at least as verbose as ``level``.

        Until stopped, a more verbose global txaio level lowers root's level
        too; txaio never makes root quieter.
        """
        handler = None if out is None else TxaioHandler(LineWriter(out))
        root = logging.getLogger()
        previous = root.level
        if handler is not None:
            root.addHandler(handler)
        lower_root_level(level)
        add_level_listener(lower_root_level)

        def stop() -> None:
            remove_level_listener(lower_root_level)
            if handler is not None:
                root.removeHandler(handler)
            root.setLevel(previous)

        return stop


def lower_root_level(level: str) -> None:
    """Make the root logger at least as verbose as txaio ``level`` (never quieter)."""
    root = logging.getLogger()
    if level != "none" and root.level > STDLIB_LEVELNO[level]:
        root.setLevel(STDLIB_LEVELNO[level])


def exception_in(failure: object) -> BaseException | None:
    """The exception of a failure (an exception, or anything with one as ``.value``); None for anything else."""
    if failure is None or isinstance(failure, BaseException):
        return failure
    return exception_of_failure(failure)


class FailureText:
    """What ``{log_failure}`` shows in a message: ``"ValueError: bad request"``.

    The exception's type and its text, as ``failure_message()`` words them: the text
    alone cannot tell a ``ZeroDivisionError`` from a ``KeyError("division by zero")``,
    and on Twisted the line names the type too.  The traceback follows the line, as
    on Twisted.  Whatever else a format asks for (``{log_failure.value}``) comes
    from the failure itself; a bare exception is its own ``.value``.
    """

    __slots__ = ("_exception", "_failure")

    def __init__(self, failure: object, exception: BaseException) -> None:
        self._failure = failure
        self._exception = exception

    @property
    def value(self) -> BaseException:
        """The exception, as a failure's ``.value`` is."""
        return self._exception

    def __getattr__(self, name: str) -> Any:
        return getattr(self._failure, name)

    def __str__(self) -> str:
        return exception_message(self._exception)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return repr(self._failure)


class TxaioHandler(logging.Handler):
    """Writes ``<timestamp> <message>`` lines, plus the traceback of a failure.

    The timestamp is local time without a UTC offset, as txaio 26.6.1 wrote on asyncio.

    Records of txaio loggers were already filtered by their logger's level;
    other records must reach the global txaio level to be shown.
    """

    def __init__(self, writer: LineWriter) -> None:
        super().__init__()
        self.writer = writer
        self._tracebacks = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        """Write one record."""
        try:
            if getattr(record, "txaio_level", None) is None and not is_enabled(
                txaio_level_of(record.levelno), get_global_log_level()
            ):
                return
            text = record.getMessage()
            if record.exc_info and record.exc_info[0] is not None:
                text = f"{text}\n{self._tracebacks.formatException(record.exc_info)}"
            self.writer.write(format_local_line(record.created, text))
        except Exception:
            self.handleError(record)


STDLIB_BACKEND = StdlibBackend()
