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
from txaio.testutil import isolated_logging, logged_texts

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
    log.info("~missing {y}", x=1)
    log.info("~spec {x:d}", x="text")
    log.emit("info", "~positional {}", x=1)
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
        with pytest.raises(ValueError, match=r"verbose.*none, critical, error, warn, info, debug, trace"):
            call()
    assert txaio.get_global_log_level() == "info"
    assert log.debug is log.trace
    assert not txaio.log.logging_started()
    assert out.getvalue() == ""


def test_a_traceback_with_braces_is_logged_as_it_is(out: io.StringIO) -> None:
    """The guide's idiom: ``log.critical(txaio.failure_format_traceback(fail))``."""
    txaio.start_logging(out=out)
    try:
        {"a": 1}["~b"]
    except KeyError:
        fail = txaio.create_failure()
    text = txaio.failure_format_traceback(fail)
    assert "{" in text
    txaio.make_logger().critical("~" + text)
    assert out.getvalue().count("'~b'") >= 1
    assert "Unable to format" not in out.getvalue()
    assert "~Traceback (most recent call last):" in mine(out)


@pytest.mark.parametrize(
    ("level", "calls", "expected"),
    [
        (
            "info",
            [("info", "~{{literal}} at {log_level}"), ("info", "~{} and {0} and {x!z}")],
            ["~{literal} at info", "~{} and {0} and {x!z}"],
        ),
        ("trace", [("trace", "~trace {txaio_trace}"), ("debug", "~debug")], ["~trace True", "~debug"]),
    ],
    ids=["formats_when_it_can_else_text", "trace_carries_txaio_trace"],
)
def test_messages_without_keywords(
    out: io.StringIO, level: str, calls: list[tuple[str, str]], expected: list[str]
) -> None:
    txaio.start_logging(out=out, level=level)
    log = txaio.make_logger()
    for method, message in calls:
        getattr(log, method)(message)
    assert mine(out) == expected


def test_failure_can_show_the_failure_in_its_message(out: io.StringIO) -> None:
    txaio.start_logging(out=out)
    try:
        raise ValueError("~bad request")
    except ValueError:
        txaio.make_logger().failure("~request failed: {log_failure}")
    (line,) = mine(out)
    assert line.startswith("~request failed: ")
    assert "ValueError" in line
    assert "~bad request" in line


def _raise_key_error() -> None:
    raise KeyError("division by zero")


def _log_the_current_exception(log: Any) -> None:
    log.failure("~request failed: {log_failure}")


def _log_failure_by_keyword(log: Any) -> None:
    log.failure("~request failed: {log_failure}", failure=txaio.create_failure())


def _log_failure_by_position(log: Any) -> None:
    log.failure("~request failed: {log_failure}", txaio.create_failure())


def _log_failure_as_the_event_key(log: Any) -> None:
    log.error("~request failed: {log_failure}", log_failure=txaio.create_failure())


def _log_exception_as_the_event_key(log: Any) -> None:
    log.error("~request failed: {log_failure}", log_failure=sys.exc_info()[1])


@pytest.mark.parametrize(
    "log_it",
    [
        _log_the_current_exception,
        _log_failure_by_keyword,
        _log_failure_by_position,
        _log_failure_as_the_event_key,
        _log_exception_as_the_event_key,
    ],
    ids=["current_exception", "failure_keyword", "failure_positional", "log_failure_key", "exception_key"],
)
def test_log_failure_names_the_type_and_the_traceback_follows(out: io.StringIO, log_it: Any) -> None:
    """A KeyError('division by zero') must not read as a ZeroDivisionError: the line names the type."""
    txaio.start_logging(out=out)
    try:
        _raise_key_error()
    except KeyError:
        log_it(txaio.make_logger())
    (line,) = mine(out)
    assert line.startswith("~request failed: ")
    assert "KeyError" in line
    assert "division by zero" in line
    assert "ZeroDivisionError" not in out.getvalue()
    entry = out.getvalue()[out.getvalue().index(" ~request failed: ") :]
    traceback = entry[entry.index("\nTraceback (most recent call last):\n") :]
    assert 'raise KeyError("division by zero")' in traceback
    assert traceback.rstrip().endswith("KeyError: 'division by zero'")


def test_a_failure_that_is_no_failure_is_shown_as_given(out: io.StringIO) -> None:
    """Logging never raises; a value given as the failure that is none is not lost either."""
    txaio.start_logging(out=out)
    txaio.make_logger().failure("~request failed: {log_failure}", failure="~not an exception")
    assert mine(out) == ["~request failed: ~not an exception"]


def test_a_format_reaches_into_the_failure(out: io.StringIO) -> None:
    txaio.start_logging(out=out)
    try:
        raise ValueError("~bad request")
    except ValueError:
        txaio.make_logger().failure("{log_failure.value}")
    assert mine(out) == ["~bad request"]


def test_a_disabled_failure_call_is_one_no_op_call(txaio_framework: str) -> None:
    """Nothing about the failure is read or rendered: its __str__ would show up below."""

    class Loud(Exception):
        def __str__(self) -> str:
            return "~loud"

    with isolated_logging():
        txaio.set_global_log_level("none")
        log = txaio.make_logger()
        calls: list[str] = []

        def profile(frame: Any, event: str, arg: Any) -> None:
            if event == "call":
                calls.append(frame.f_code.co_name)

        try:
            raise Loud()
        except Loud:
            sys.setprofile(profile)
            try:
                log.failure("~failed: {log_failure}")
            finally:
                sys.setprofile(None)
        assert calls == ["_no_op"]


def test_the_users_own_sink_sees_the_failure_type(out: io.StringIO, user_sink: Callable[[], Any]) -> None:
    txaio.start_logging(out=out)
    try:
        _raise_key_error()
    except KeyError:
        txaio.make_logger(namespace="conformance.mine").failure("~request failed: {log_failure}")
    ((namespace, text),) = [entry for entry in user_sink() if entry[1].startswith("~")]
    assert namespace == "conformance.mine"
    assert "KeyError" in text.split("\n")[0]


def test_format_keyword_and_any_event_key(out: io.StringIO) -> None:
    txaio.start_logging(out=out)
    log = txaio.make_logger()
    log.info(format="~client {peer} connected", peer="p1")
    log.emit("info", format="~emitted {message}", message="m")
    event = {"log_format": "~re-emitted {peer}", "peer": "w1", "message": "x", "log_namespace": "elsewhere"}
    log.emit("warn", **event)
    assert mine(out) == ["~client p1 connected", "~emitted m", "~re-emitted w1"]


def test_set_global_log_level_while_another_thread_makes_loggers(txaio_framework: str) -> None:
    """No "Set changed size during iteration"; afterwards every logger follows the level."""
    import threading

    made: list[Any] = []
    stop = threading.Event()

    def make_loggers() -> None:
        while not stop.is_set():
            made.append(txaio.make_logger())
            del made[:-300]

    with isolated_logging():
        worker = threading.Thread(target=make_loggers)
        worker.start()
        try:
            for _ in range(250):
                txaio.set_global_log_level("debug")
                txaio.set_global_log_level("info")
            txaio.set_global_log_level("debug")
            stale = [log for log in list(made) if log.log_level != "debug"]
        finally:
            stop.set()
            worker.join()
        assert len(made) > 1
        assert stale == []


def test_loggers_with_unique_namespaces_leave_nothing_behind_in_txaio(txaio_framework: str) -> None:
    """txaio keeps nothing per namespace: count what its own code still holds."""
    import gc
    import tracemalloc

    def churn(start: int) -> None:
        for n in range(start, start + 500):
            log = txaio.make_logger(namespace=f"conformance.unique.{n}")
            log.warn("~{n}", n=n)  # stdlib's last-resort handler is kept quiet by the logger below
            del log

    quiet = logging.getLogger("conformance.unique")
    quiet.propagate, quiet.disabled = False, False
    quiet.addHandler(logging.NullHandler())
    with isolated_logging():
        txaio.set_global_log_level("none")  # the call still builds the target, not the record
        txaio.set_global_log_level("warn")
        churn(0)  # warm up caches of fixed size
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.take_snapshot()
            churn(1000)
            gc.collect()
            after = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
    mine_only = [tracemalloc.Filter(True, "*/txaio/*")]
    grown = after.filter_traces(mine_only).compare_to(before.filter_traces(mine_only), "filename")
    held = sum(stat.size_diff for stat in grown if stat.size_diff > 0)
    assert held < 500 * 16, [str(stat) for stat in grown[:5]]
