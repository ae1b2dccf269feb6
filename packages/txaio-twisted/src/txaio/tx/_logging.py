"""Logging on Twisted: txaio loggers emit ``twisted.logger`` events.

Each event carries ``log_format``, ``log_namespace`` and ``log_level`` (a
Twisted LogLevel) as Twisted's own Logger makes them, so any observer the
user installed sees txaio's messages; ``start_logging`` adds one observer to
the global publisher, which also receives legacy ``twisted.python.log.msg``.
Imported by the first logging call of ``txaio.tx`` (or when txaio-log is in
use at selection), not by selecting Twisted.
"""

from __future__ import annotations

import contextlib
import sys
import time
import warnings
import weakref
from collections.abc import Callable
from typing import IO, Any, cast

from twisted.logger import ILogObserver, LogLevel, formatEvent, globalLogBeginner, globalLogPublisher
from twisted.logger import Logger as TwistedLogger
from twisted.python.failure import Failure

import txaio.tx
from txaio.interfaces import log_levels
from txaio.log import Logger as _TxaioLogger
from txaio.log import add_log_categories, get_global_log_level, register_backend, set_global_log_level, skip_frames_of
from txaio.log import caller_namespace as _caller_namespace
from txaio.log import start_logging as _start_logging
from txaio.log.sink import STDOUT, LineWriter, format_line, format_message, is_enabled
from txaio.log.sink import loggers as _all_loggers
from txaio.tx._failures import failure_format_traceback

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
_DEBUG = LogLevel.debug


#: Marks a Twisted logger that txaio loggers emit through: their events passed the
#: txaio logger's own level already, so txaio's observer shows them without filtering again.
_MARK = "_txaio_emits_for"


def emits_for_txaio(twisted_logger: object) -> None:
    """Mark ``twisted_logger`` as carrying a txaio logger's events (if it takes attributes)."""
    with contextlib.suppress(AttributeError, TypeError):  # __slots__ and the like: filtered as anyone's events
        setattr(twisted_logger, _MARK, True)


class TwistedBackend:
    """Emits txaio messages as twisted.logger events; starts logging with an observer."""

    def twisted_logger(self, logger: _TxaioLogger) -> Any:
        """The Twisted Logger that carries ``logger``'s events (made on first use, kept by it)."""
        target = logger._logger
        if target is None:
            target = logger._logger = TwistedLogger(namespace=logger.namespace)
            emits_for_txaio(target)
        return target

    def emit(
        self, logger: _TxaioLogger, level: str, message: str | None, event: dict[str, Any], failure: object
    ) -> None:
        """Build the event as ``twisted.logger.Logger.emit`` would, and observe it.

        A logger of another class (``make_logger(logger=X)``) gets the
        message through its own ``emit`` and ``failure``.
        """
        target = logger._logger
        if target is None:
            target = self.twisted_logger(logger)
        if level == "trace":
            event["txaio_trace"] = True
        if type(target) is not TwistedLogger:
            emit_through(target, level, message, event, failure)
            return
        event["log_logger"] = target
        event["log_level"] = TWISTED_LEVEL[level]
        event["log_namespace"] = target.namespace
        event["log_source"] = target.source
        event["log_format"] = message
        event["log_time"] = time.time()
        if failure is None:  # a bare exception given as the key itself reads as a failure does
            failure = event.get("log_failure")
            if not isinstance(failure, BaseException):
                failure = None
        if failure is not None:
            converted = as_failure(failure)
            event["log_failure"] = failure if converted is None else converted  # no failure: shown as given
        cast(Callable[[dict[str, Any]], None], target.observer)(event)

    def start(self, out: IO[Any] | None, level: str) -> Callable[[], None]:
        """Start Twisted logging with txaio's observer on ``out`` (none if ``out`` is None).

        If nobody has begun Twisted logging yet, begin it as txaio 26.6.1
        did: standard output and error go into the log, warnings are
        logged, and Twisted replays the events it buffered.  If it has
        begun, only add the observer, so Twisted does not warn that logging
        began twice.  No observer is removed.
        """
        observers = [] if out is None else [cast(ILogObserver, TxaioObserver(LineWriter(out)))]
        saved = (sys.stdout, sys.stderr, warnings.showwarning)
        began = getattr(globalLogBeginner, "_temporaryObserver", None) is not None
        if began:
            globalLogBeginner.beginLoggingTo(observers)
        else:
            for observer in observers:
                globalLogPublisher.addObserver(observer)

        def stop() -> None:
            for observer in observers:
                globalLogPublisher.removeObserver(observer)
            if began:  # tests only: give back the streams and warnings Twisted took over
                sys.stdout, sys.stderr, warnings.showwarning = saved

        return stop


def emit_through(target: Any, level: str, message: str | None, event: dict[str, Any], failure: object) -> None:
    """Send one message through a Twisted-Logger-like object's ``emit`` or ``failure``."""
    as_twisted = as_failure(failure) if failure is not None else None
    if as_twisted is not None:  # by keyword: Twisted's name, and harmless to a failure(format, **kw)
        target.failure(message, failure=as_twisted, **event)
    else:
        target.emit(TWISTED_LEVEL[level], message, **event)


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
        twisted_level: Any = event.get("log_level")
        level = _TXAIO_LEVEL.get(twisted_level, "info")
        if twisted_level is _DEBUG and event.get("txaio_trace") is True:
            level = "trace"
        if getattr(event.get("log_logger"), _MARK, None) is True:
            text = format_message(event.get("log_format"), {**event, "log_level": level})
        elif is_enabled(level, get_global_log_level()):
            text = formatEvent(event)
        else:
            return
        failure = event.get("log_failure")
        if isinstance(failure, Failure):  # the whole chain, as Python prints it
            text = f"{text}\n{failure_format_traceback(cast(Any, failure)).rstrip()}"
        self.writer.write(format_line(event.get("log_time") or time.time(), text))


TWISTED_BACKEND = TwistedBackend()
register_backend("twisted", TWISTED_BACKEND)
# txaio.tx.make_logger() reaches make_logger below through its first-use delegate.
skip_frames_of(txaio.tx.make_logger.__code__)


class Logger(_TxaioLogger):
    """A txaio logger on a Twisted ``Logger`` (26.6.1's ``txaio.tx.Logger``).

    ``logger`` is the Twisted Logger class to use and ``observer`` where its
    events go (the global publisher when None).
    """

    def __init__(
        self,
        level: str | None = None,
        logger: Callable[..., Any] | None = None,
        namespace: str | None = None,
        observer: Any = None,
    ) -> None:
        if logger is None:  # the type 26.6.1 raised (its assert), also under python -O
            raise AssertionError(
                "txaio.tx.Logger needs logger=, the Twisted Logger class to emit through; "
                "make loggers with txaio.make_logger()"
            )
        namespace = _caller_namespace() if namespace is None else namespace
        self._logger = logger(observer=observer, namespace=namespace)
        emits_for_txaio(self._logger)
        super().__init__(namespace, level, backend=TWISTED_BACKEND)


def make_logger(
    level: str | None = None,
    logger: Callable[..., Any] = TwistedLogger,
    observer: Any = None,
    namespace: str | None = None,
) -> Logger:
    """What ``txaio.tx.make_logger`` (its first-use delegate, which says what it makes) returns."""
    return Logger(level, logger, _caller_namespace() if namespace is None else namespace, observer)


def start_logging(out: IO[Any] | None = STDOUT, level: str = "info") -> None:
    """What ``txaio.tx.start_logging`` (its first-use delegate, which says what it does) does."""
    _start_logging(out, level, backend=TWISTED_BACKEND)
