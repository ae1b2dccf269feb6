"""The same logging behaviour on asyncio and on Twisted, through ``txaio.*`` only.

Every message a test logs starts with "~" so that events another part of
the process logged (Twisted replays what it buffered before logging began)
never confuse an assertion.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import txaio
import txaio.log
from txaio.log._testing import isolated_logging, logged_texts

#: Made at import, before any framework is selected, as libraries do.
EARLY = txaio.make_logger()


class Bunny:
    log = txaio.make_logger()

    def hop(self, times: int) -> None:
        self.log.trace("~Bunny.hop(times={times})", times=times)
        self.log.debug("~Hopping {times} times.", times=times)
        try:
            raise RuntimeError("Fox spotted!")
        except RuntimeError:
            self.log.failure("~hop failed")


@pytest.fixture
def out(txaio_framework: str) -> Iterator[io.StringIO]:
    """A stream for start_logging; the logging state is put back after the test."""
    with isolated_logging():
        yield io.StringIO()


def mine(out: io.StringIO) -> list[str]:
    """This test's messages (first lines of entries starting with "~")."""
    return [text for text in logged_texts(out.getvalue()) if text.startswith("~")]


def log_everything(log: Any) -> None:
    for level in ("critical", "error", "warn", "info", "debug", "trace"):
        getattr(log, level)("~{level}", level=level)


def test_levels(out: io.StringIO) -> None:
    txaio.start_logging(out=out, level="info")
    log = txaio.make_logger()
    log_everything(log)
    assert mine(out) == ["~critical", "~error", "~warn", "~info"]
    txaio.set_global_log_level("debug")
    assert txaio.get_global_log_level() == "debug"
    log_everything(log)
    assert mine(out)[4:] == ["~critical", "~error", "~warn", "~info", "~debug"]
    txaio.set_global_log_level("none")
    log_everything(log)
    log.failure("~failure")
    assert len(mine(out)) == 9


def test_trace(out: io.StringIO) -> None:
    txaio.start_logging(out=out, level="trace")
    Bunny().hop(42)
    assert mine(out) == ["~Bunny.hop(times=42)", "~Hopping 42 times.", "~hop failed"]


def test_trace_is_off_at_debug(out: io.StringIO) -> None:
    txaio.start_logging(out=out, level="debug")
    Bunny().hop(42)
    assert mine(out) == ["~Hopping 42 times.", "~hop failed"]


def test_failure_with_traceback(out: io.StringIO) -> None:
    txaio.start_logging(out=out)
    Bunny().hop(1)
    text = out.getvalue()
    entry = text[text.index(" ~hop failed") :]
    assert "Traceback (most recent call last):" in entry
    assert 'raise RuntimeError("Fox spotted!")' in entry
    assert "RuntimeError: Fox spotted!" in entry


def test_categories(out: io.StringIO) -> None:
    txaio.start_logging(out=out)
    txaio.add_log_categories({"CONF1": "~connected to {peer}"})
    log = txaio.make_logger()
    log.info(log_category="CONF1", peer="a")
    log.warn("ignored", log_category="CONF1", peer="b")
    assert mine(out) == ["~connected to a", "~connected to b"]


def test_bad_formats_are_logged_not_raised(out: io.StringIO) -> None:
    txaio.start_logging(out=out)
    log = txaio.make_logger()
    log.info("~missing {y}")
    log.info("~spec {x:d}", x="text")
    log.emit("info", "~positional {}")
    lines = [line for line in out.getvalue().splitlines() if "~" in line]
    assert len(lines) == 3
    assert "'~missing {y}'" in lines[0] and "KeyError" in lines[0]
    assert "'~spec {x:d}'" in lines[1] and "Unknown format code 'd'" in lines[1]
    assert "'~positional {}'" in lines[2]


def test_log_time_and_log_level(out: io.StringIO) -> None:
    txaio.start_logging(out=out)
    txaio.make_logger().warn("~{log_level} {log_time:.0f}")
    level, when = mine(out)[0].split()
    assert level == "~warn"
    assert when.isdigit()


def test_early_loggers_follow_the_selected_framework_and_level(out: io.StringIO) -> None:
    txaio.start_logging(out=out, level="info")
    EARLY.debug("~hidden")
    EARLY.info("~early info")
    txaio.set_global_log_level("debug")
    EARLY.debug("~early debug")
    assert mine(out) == ["~early info", "~early debug"]


def test_loggers_made_later_start_at_the_current_level(out: io.StringIO) -> None:
    txaio.set_global_log_level("error")
    txaio.start_logging(out=out, level="warn")  # sets the global level too
    log = txaio.make_logger()
    log_everything(log)
    assert mine(out) == ["~critical", "~error", "~warn"]


def test_a_kept_level_ignores_the_global_level(out: io.StringIO) -> None:
    txaio.start_logging(out=out, level="info")
    kept = txaio.make_logger("debug")
    txaio.set_global_log_level("error")
    kept.debug("~kept debug")
    txaio.make_logger().warn("~dropped")
    assert mine(out) == ["~kept debug"]


def test_namespaces(txaio_framework: str) -> None:
    assert Bunny.log.namespace == f"{__name__}.Bunny"
    assert txaio.make_logger().namespace == f"{__name__}.test_namespaces"
    assert txaio.make_logger(namespace="a.b").namespace == "a.b"
    assert EARLY.namespace == __name__


def test_a_disabled_call_is_one_no_op_call(txaio_framework: str) -> None:
    with isolated_logging():
        log = txaio.make_logger()
        calls: list[str] = []

        def profile(frame: Any, event: str, arg: Any) -> None:
            if event == "call":
                calls.append(frame.f_code.co_name)

        sys.setprofile(profile)
        try:
            log.debug("~x {a}", a=1)
        finally:
            sys.setprofile(None)
        assert calls == ["_no_op"]


def test_foreign_messages_appear_after_start_logging(out: io.StringIO, txaio_framework: str) -> None:
    txaio.start_logging(out=out, level="debug")
    if txaio_framework == "asyncio":
        logging.getLogger("roy").info("~Python stdlib message: %s", "txaio was here")
        assert mine(out) == ["~Python stdlib message: txaio was here"]
    else:
        from twisted.python import log as legacy

        legacy.msg("~A legacy Twisted logger message")
        assert mine(out) == ["~A legacy Twisted logger message"]


@pytest.fixture
def user_sink(txaio_framework: str) -> Iterator[Callable[[], list[tuple[str, str]]]]:
    """What the user's own handler (asyncio) or observer (Twisted) received: (namespace, text)."""
    seen: list[tuple[str, str]] = []
    if txaio_framework == "asyncio":

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                seen.append((record.name, record.getMessage()))

        handler = Keep()
        logging.getLogger().addHandler(handler)
        try:
            yield lambda: seen
        finally:
            logging.getLogger().removeHandler(handler)
    else:
        from twisted.logger import formatEvent, globalLogPublisher

        def observer(event: dict[str, Any]) -> None:
            seen.append((event.get("log_namespace", ""), formatEvent(event)))

        globalLogPublisher.addObserver(observer)
        try:
            yield lambda: seen
        finally:
            globalLogPublisher.removeObserver(observer)


def test_txaio_messages_reach_the_users_own_sink(out: io.StringIO, user_sink: Callable[[], Any]) -> None:
    txaio.start_logging(out=out)
    txaio.make_logger(namespace="conformance.mine").info("~to {whom}", whom="you")
    assert [entry for entry in user_sink() if entry[1].startswith("~")] == [("conformance.mine", "~to you")]
    assert mine(out) == ["~to you"]


def test_second_start_logging_keeps_the_first(out: io.StringIO) -> None:
    txaio.start_logging(out=out, level="info")
    other = io.StringIO()
    txaio.start_logging(out=other, level="debug")
    log = txaio.make_logger()
    log.info("~kept")
    log.debug("~not shown")
    assert mine(out) == ["~kept"]
    assert other.getvalue() == ""
    assert txaio.get_global_log_level() == "info"


def test_unknown_level_is_a_clear_error_and_changes_nothing(out: io.StringIO) -> None:
    log = txaio.make_logger()
    for call in (
        lambda: txaio.start_logging(out=out, level="verbose"),
        lambda: txaio.set_global_log_level("verbose"),
        lambda: txaio.make_logger("verbose"),
    ):
        with pytest.raises(ValueError, match="none, critical, error, warn, info, debug, trace"):
            call()
    assert txaio.get_global_log_level() == "info"
    assert log.debug is log.trace
    assert not txaio.log.logging_started()
    assert out.getvalue() == ""
