"""Logging on Twisted: txaio loggers emit ``twisted.logger`` events.

Each event carries ``log_format``, ``log_namespace`` and ``log_level`` (a
Twisted LogLevel) as Twisted's own Logger makes them, so any observer the
user installed sees txaio's messages; ``start_logging`` adds one observer to
the global publisher, which also receives legacy ``twisted.python.log.msg``.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import IO, Any, cast

from twisted.logger import ILogObserver, LogLevel, formatEvent, globalLogBeginner, globalLogPublisher
from twisted.logger import Logger as TwistedLogger
from twisted.python.failure import Failure

from txaio.interfaces import log_levels
from txaio.log import Logger as _TxaioLogger
from txaio.log import add_log_categories, get_global_log_level, register_backend, set_global_log_level
from txaio.log import caller_namespace as _caller_namespace
from txaio.log import start_logging as _start_logging
from txaio.log._formatting import format_message
from txaio.log._levels import is_enabled
from txaio.log._output import LineWriter, format_line
from txaio.log._state import loggers as _all_loggers

__all__ = (
    "LogLevel",
    "Logger",
    "add_log_categories",
    "get_global_log_level",
    "log_levels",
    "make_logger",
    "set_global_log_level",
    "start_logging",
)

#: Every txaio logger alive (shared with ``txaio.aio._loggers``; 26.6.1 kept one per backend).
_loggers: weakref.WeakSet[_TxaioLogger] = _all_loggers

#: The Twisted level of each txaio level; "trace" is Twisted's debug, marked as trace.
TWISTED_LEVEL: dict[str, LogLevel] = {
    "critical": LogLevel.critical,
    "error": LogLevel.error,
    "warn": LogLevel.warn,
    "info": LogLevel.info,
    "debug": LogLevel.debug,
    "trace": LogLevel.debug,
}
_TXAIO_LEVEL: dict[LogLevel, str] = {twisted: name for name, twisted in TWISTED_LEVEL.items() if name != "trace"}


class TwistedBackend:
    """Emits txaio messages as twisted.logger events; starts logging with an observer."""

    def __init__(self) -> None:
        self._by_namespace: dict[str, TwistedLogger] = {}

    def twisted_logger(self, logger: _TxaioLogger) -> TwistedLogger:
        """The Twisted Logger that carries ``logger``'s events."""
        own = getattr(logger, "_logger", None)
        if isinstance(own, TwistedLogger):
            return own
        found = self._by_namespace.get(logger.namespace)
        if found is None:
            found = self._by_namespace[logger.namespace] = TwistedLogger(namespace=logger.namespace)
        return found

    def emit(
        self, logger: _TxaioLogger, level: str, message: str | None, event: dict[str, Any], failure: object
    ) -> None:
        """Build the event as ``twisted.logger.Logger.emit`` would, and observe it."""
        target = self.twisted_logger(logger)
        event["log_logger"] = target
        event["log_level"] = TWISTED_LEVEL[level]
        event["log_namespace"] = target.namespace
        event["log_source"] = target.source
        event["log_format"] = message
        event["log_time"] = time.time()
        event["txaio_level"] = level
        if failure is not None:
            event["log_failure"] = as_failure(failure)
        cast(Callable[[dict[str, Any]], None], target.observer)(event)

    def start(self, out: IO[Any], level: str) -> Callable[[], None]:
        """Add txaio's observer to the global publisher (no observer is removed).

        If nobody has begun Twisted logging yet, begin it with this observer
        (without redirecting stdout/stderr): Twisted then stops copying
        critical events to stderr and replays the events it buffered.  If it
        has begun, only add the observer, so Twisted does not warn that
        logging began twice.
        """
        observer = cast(ILogObserver, TxaioObserver(LineWriter(out)))
        if getattr(globalLogBeginner, "_temporaryObserver", None) is not None:
            globalLogBeginner.beginLoggingTo([observer], redirectStandardIO=False)
        else:
            globalLogPublisher.addObserver(observer)

        def stop() -> None:
            globalLogPublisher.removeObserver(observer)

        return stop


def as_failure(failure: object) -> Failure | None:
    """A Twisted Failure for an exception or an IFailedFuture (None if there is none)."""
    if isinstance(failure, Failure):
        return failure
    exc = failure if isinstance(failure, BaseException) else getattr(failure, "value", None)
    if not isinstance(exc, BaseException):
        return None
    return Failure(exc, type(exc), exc.__traceback__)  # type: ignore[no-untyped-call]


class TxaioObserver:
    """Writes ``<timestamp> <message>`` lines, plus the traceback of a failure.

    Events of txaio loggers were already filtered by their logger's level;
    other events (legacy ``log.msg``, Twisted's own) must reach the global
    txaio level to be shown.
    """

    def __init__(self, writer: LineWriter) -> None:
        self.writer = writer

    def __call__(self, event: dict[str, Any]) -> None:
        """Write one event."""
        level = event.get("txaio_level")
        if level is None:
            if not is_enabled(_TXAIO_LEVEL.get(event.get("log_level", LogLevel.info), "info"), get_global_log_level()):
                return
            text = formatEvent(event)
        else:
            text = format_message(event.get("log_format"), {**event, "log_level": level})
        failure = event.get("log_failure")
        if isinstance(failure, Failure):
            text = f"{text}\n{failure.getTraceback().rstrip()}"
        self.writer.write(format_line(event.get("log_time") or time.time(), text))


TWISTED_BACKEND = TwistedBackend()
register_backend("twisted", TWISTED_BACKEND)


class Logger(_TxaioLogger):
    """A txaio logger on a Twisted ``Logger`` (26.6.1's ``txaio.tx.Logger``).

    ``logger`` is the Twisted Logger class to use and ``observer`` where its
    events go (the global publisher when None).
    """

    def __init__(
        self,
        level: str | None = None,
        logger: Callable[..., TwistedLogger] | None = None,
        namespace: str | None = None,
        observer: Any = None,
    ) -> None:
        namespace = _caller_namespace() if namespace is None else namespace
        self._logger = (TwistedLogger if logger is None else logger)(namespace=namespace, observer=observer)
        super().__init__(namespace, level, backend=TWISTED_BACKEND)


def make_logger(
    level: str | None = None,
    logger: Callable[..., TwistedLogger] = TwistedLogger,
    observer: Any = None,
    namespace: str | None = None,
) -> Logger:
    """A logger emitting twisted.logger events, named after where it is made.

    As txaio 26.6.1's ``txaio.tx.make_logger``: ``level`` gives it a level of
    its own that the global level does not change, ``logger`` is the Twisted
    Logger class, ``observer`` receives its events instead of the global
    publisher.  ``namespace`` overrides the name.
    """
    return Logger(level, logger, _caller_namespace() if namespace is None else namespace, observer)


def start_logging(out: IO[Any] | None = None, level: str = "info") -> None:
    """Write ``<timestamp> <message>`` lines at ``level`` and above to ``out`` (stdout by default).

    txaio's events and every other twisted.logger or legacy
    ``twisted.python.log`` event are shown.  Standard output is not
    redirected.  The first call wins: later calls change nothing (an
    unknown level still raises).
    """
    _start_logging(out, level, backend=TWISTED_BACKEND)
