"""txaio logging on Twisted: through twisted.logger, both ways."""

from __future__ import annotations

import inspect
import io
from collections.abc import Iterator
from typing import Any, ClassVar
from unittest import mock

import pytest
from twisted.logger import Logger as TwistedLogger
from twisted.logger import LogLevel, globalLogPublisher
from twisted.python import log as legacy_log
from twisted.python.failure import Failure

import txaio
from txaio.interfaces import ILogger
from txaio.testutil import isolated_logging, logged_texts
from txaio.tx import _logging as _tx_logging


@pytest.fixture(autouse=True)
def _isolated_logging() -> Iterator[None]:
    with isolated_logging():
        yield


@pytest.fixture
def events() -> Iterator[list[dict[str, Any]]]:
    """Events published to the global publisher during the test."""
    seen: list[dict[str, Any]] = []
    globalLogPublisher.addObserver(seen.append)
    try:
        yield seen
    finally:
        globalLogPublisher.removeObserver(seen.append)


def texts(out: io.StringIO) -> list[str]:
    return logged_texts(out.getvalue())


def test_the_backend_exports_26_6_1_names() -> None:
    assert _tx_logging.LogLevel is LogLevel
    assert _tx_logging.log_levels == ["none", "critical", "error", "warn", "info", "debug", "trace"]
    assert list(inspect.signature(_tx_logging.make_logger).parameters)[:3] == ["level", "logger", "observer"]
    assert inspect.signature(_tx_logging.make_logger).parameters["logger"].default is TwistedLogger
    assert issubclass(_tx_logging.Logger, ILogger)


def test_make_logger_registers_the_logger_with_txaio_tx() -> None:
    # txaio.tx's make_logger is a first-use delegate of _logging's (selecting imports no logging module)
    assert txaio.make_logger is txaio.tx.make_logger
    assert inspect.signature(txaio.tx.make_logger) == inspect.signature(_tx_logging.make_logger)
    log = txaio.make_logger()
    assert log.namespace == __name__ + ".test_make_logger_registers_the_logger_with_txaio_tx"
    assert isinstance(log, _tx_logging.Logger)
    assert log in _tx_logging._loggers


def test_events_carry_twisted_keys(events: list[dict[str, Any]]) -> None:
    log = txaio.make_logger(namespace="tx_test")
    log.warn("careful {n}", n=1)
    (event,) = events
    assert event["log_format"] == "careful {n}"
    assert event["log_namespace"] == "tx_test"
    assert event["log_level"] is LogLevel.warn
    assert event["n"] == 1
    assert isinstance(event["log_time"], float)


def test_trace_is_twisted_debug_marked_as_trace(events: list[dict[str, Any]]) -> None:
    log = txaio.make_logger("trace", namespace="tx_test")
    log.trace("fine")
    log.debug("coarse")
    assert [e["log_level"] for e in events] == [LogLevel.debug, LogLevel.debug]
    assert events[0]["txaio_trace"] is True
    assert "txaio_trace" not in events[1]


def test_events_gain_no_key_of_txaio(events: list[dict[str, Any]]) -> None:
    txaio.make_logger(namespace="tx_test").info("plain {n}", n=1)
    raw = TwistedLogger(namespace="tx_test", observer=globalLogPublisher)
    raw.info("plain {n}", n=1)
    assert set(events[0]) == set(events[1])


def test_keywords_named_like_twisted_emit_parameters_are_fine(events: list[dict[str, Any]]) -> None:
    txaio.make_logger(namespace="tx_test").info("{level} {message}", level=1, message=2)
    assert (events[0]["level"], events[0]["message"]) == (1, 2)


def test_format_keyword_is_the_message_format(events: list[dict[str, Any]]) -> None:
    log = txaio.make_logger(namespace="tx_test")
    log.info(format="client {peer} connected", peer="p")
    log.emit("warn", format="emitted {peer}", peer="q")
    assert [e["log_format"] for e in events] == ["client {peer} connected", "emitted {peer}"]


class OverridingLogger(TwistedLogger):
    """A Twisted Logger subclass that keeps what it is asked to emit."""

    calls: ClassVar[list[tuple[Any, ...]]] = []

    def emit(self, level: LogLevel, format: str | None = None, **kwargs: object) -> None:
        type(self).calls.append(("emit", level, format, kwargs))

    def failure(
        self, format: str, failure: Failure | None = None, level: LogLevel = LogLevel.critical, **kwargs: object
    ) -> None:
        type(self).calls.append(("failure", format, failure, kwargs))


class PlainLogger:
    """Not a Twisted Logger at all: anything with emit() and failure()."""

    calls: ClassVar[list[tuple[Any, ...]]] = []

    def __init__(self, namespace: str | None = None, observer: Any = None) -> None:
        self.namespace = namespace

    def emit(self, level: LogLevel, format: str | None = None, **kwargs: object) -> None:
        type(self).calls.append(("emit", level, format, kwargs))

    def failure(self, format: str, failure: Failure | None = None, **kwargs: object) -> None:
        type(self).calls.append(("failure", format, failure, kwargs))


def log_through(log: Any) -> None:
    log.info("hello {who}", who="you")
    log.trace("fine")
    log.emit("error", "emitted")
    try:
        raise KeyError("k")
    except KeyError:
        log.failure("failed {n}", n=1)


def facade_make_logger(*args: Any, **kwargs: Any) -> Any:
    return txaio.make_logger(*args, **kwargs)  # the selected one, looked up when called


@pytest.mark.parametrize("make", [_tx_logging.make_logger, facade_make_logger, _tx_logging.Logger])
@pytest.mark.parametrize("cls", [OverridingLogger, PlainLogger])
def test_every_message_goes_through_the_given_logger_class(make: Any, cls: Any, events: list[dict[str, Any]]) -> None:
    cls.calls = []
    log_through(make("trace", logger=cls))
    assert [c[:3] for c in cls.calls[:3]] == [
        ("emit", LogLevel.info, "hello {who}"),
        ("emit", LogLevel.debug, "fine"),
        ("emit", LogLevel.error, "emitted"),
    ]
    assert cls.calls[0][3] == {"who": "you"}
    assert cls.calls[1][3] == {"txaio_trace": True}
    kind, fmt, failure, kwargs = cls.calls[3]
    assert (kind, fmt, kwargs) == ("failure", "failed {n}", {"n": 1})
    assert isinstance(failure, Failure) and failure.check(KeyError)
    assert events == [], "nothing bypasses the given logger"


def test_a_mock_logger_class_gets_every_message() -> None:
    cls = mock.Mock()
    log = _tx_logging.make_logger("debug", logger=cls)
    log.info("hi {x}", x=1)
    log.failure("f", failure=ValueError("v"))
    cls.assert_called_once_with(observer=None, namespace=log.namespace)
    cls.return_value.emit.assert_called_once_with(LogLevel.info, "hi {x}", x=1)
    assert cls.return_value.failure.call_args.args == ("f",)
    assert cls.return_value.failure.call_args.kwargs["failure"].check(ValueError)


def test_the_logger_can_be_swapped_as_in_26_6_1() -> None:
    log = _tx_logging.make_logger("info")
    with mock.patch.object(log, "_logger") as swapped:
        log.info("to the swap")
    swapped.emit.assert_called_once_with(LogLevel.info, "to the swap")
    assert isinstance(log._logger, TwistedLogger)


def test_direct_construction_without_logger_is_refused() -> None:
    with pytest.raises(AssertionError, match="logger="):
        _tx_logging.Logger("info")


def test_failure_event_has_the_failure(events: list[dict[str, Any]]) -> None:
    log = txaio.make_logger(namespace="tx_test")
    try:
        raise ZeroDivisionError("nope")
    except ZeroDivisionError:
        log.failure("failed {why}", why="maths")
    (event,) = events
    assert event["log_level"] is LogLevel.critical
    assert isinstance(event["log_failure"], Failure)
    assert event["log_failure"].check(ZeroDivisionError)


def test_make_logger_observer_and_logger_class() -> None:
    seen: list[dict[str, Any]] = []

    class MyLogger(TwistedLogger):
        pass

    log = _tx_logging.make_logger("debug", logger=MyLogger, observer=seen.append)
    log.debug("to mine")
    assert isinstance(log._logger, MyLogger)
    assert [e["log_format"] for e in seen] == ["to mine"]
    txaio.set_global_log_level("error")
    log.debug("level kept")
    assert len(seen) == 2


def test_tx_logger_class_signature() -> None:
    log = _tx_logging.Logger(namespace="tx_test.direct", logger=TwistedLogger)
    assert log.namespace == "tx_test.direct"
    assert log._logger.namespace == "tx_test.direct"


def test_start_logging_shows_txaio_and_legacy_messages() -> None:
    out = io.StringIO()
    txaio.start_logging(out=out, level="debug")
    txaio.make_logger(namespace="tx_test").debug("Hopping {times} times.", times=42)
    legacy_log.msg("A legacy Twisted logger message")
    TwistedLogger(namespace="other").info("new-style {x}", x="twisted")
    assert texts(out)[-3:] == ["Hopping 42 times.", "A legacy Twisted logger message", "new-style twisted"]


def test_other_twisted_events_follow_the_global_level() -> None:
    out = io.StringIO()
    txaio.start_logging(out=out, level="info")
    TwistedLogger(namespace="other").debug("hidden")
    txaio.set_global_log_level("debug")
    TwistedLogger(namespace="other").debug("shown")
    assert "hidden" not in out.getvalue()
    assert texts(out)[-1] == "shown"


def test_user_observers_are_kept(events: list[dict[str, Any]]) -> None:
    txaio.start_logging(out=io.StringIO())
    txaio.make_logger(namespace="tx_test").info("seen by the user too")
    assert [e["log_format"] for e in events] == ["seen by the user too"]
