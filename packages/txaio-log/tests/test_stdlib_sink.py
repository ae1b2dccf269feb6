"""Before a framework is selected, txaio loggers write through stdlib logging."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
from typing import Any

import pytest

import txaio.log
from txaio.log import LogLevelError, get_global_log_level, logging_started, make_logger
from txaio.log.sink import STDLIB_BACKEND, STDOUT
from txaio.testutil import logged_texts


def start_logging(out: Any = STDOUT, level: str = "info") -> None:
    """start_logging on the stdlib sink (no framework is selected in these tests)."""
    txaio.log.start_logging(out, level, backend=STDLIB_BACKEND)


def texts(out: io.StringIO) -> list[str]:
    """The message part of every timestamped line."""
    return logged_texts(out.getvalue())


def test_records_go_to_the_stdlib_logger_of_the_namespace(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test.thing")
    log.warn("careful {n}", n=1)  # line used below
    (record,) = records
    assert record.name == "txaio_test.thing"
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "careful 1"
    assert record.pathname == __file__
    assert record.funcName == "test_records_go_to_the_stdlib_logger_of_the_namespace"
    assert record.log_format == "careful {n}"  # type: ignore[attr-defined]
    assert record.txaio_level == "warn"  # type: ignore[attr-defined]


def test_trace_is_debug_marked_as_trace(records: list[logging.LogRecord]) -> None:
    log = make_logger("trace", namespace="txaio_test")
    log.trace("fine detail {txaio_trace}")
    log.debug("detail")
    assert [r.levelno for r in records] == [logging.DEBUG, logging.DEBUG]
    assert records[0].getMessage() == "fine detail True"
    assert records[0].txaio_level == "trace"  # type: ignore[attr-defined]
    assert "txaio_trace" not in records[1].log_event  # type: ignore[attr-defined]


def test_before_a_framework_is_selected_start_logging_raises_and_changes_nothing() -> None:
    handlers = list(logging.getLogger().handlers)
    with pytest.raises(RuntimeError, match="use_asyncio"):
        txaio.log.start_logging(out=io.StringIO(), level="debug")
    assert logging.getLogger().handlers == handlers
    assert get_global_log_level() == "info"
    assert not logging_started()


def test_the_facade_start_logging_before_selection_raises_as_in_26_6_1() -> None:
    import txaio

    with pytest.raises(RuntimeError, match="use_twisted"):
        txaio.start_logging(out=io.StringIO(), level="debug")
    assert not logging_started()


def test_out_none_adds_no_handler_and_sets_the_levels() -> None:
    root = logging.getLogger()
    handlers, old_level = list(root.handlers), root.level
    root.setLevel(logging.WARNING)
    try:
        start_logging(None, "debug")
        assert root.handlers == handlers
        assert root.level == logging.DEBUG
        assert get_global_log_level() == "debug"
        assert logging_started()
    finally:
        root.setLevel(old_level)


class WriteOnly:
    """An ``out`` with nothing but write(): txaio 26.6.1 gave it UTF-8 bytes."""

    def __init__(self) -> None:
        self.written: list[object] = []

    def write(self, data: object) -> None:
        self.written.append(data)


def test_an_out_with_only_write_gets_bytes() -> None:
    out = WriteOnly()
    start_logging(out, "info")
    make_logger(namespace="txaio_test").info("caf\N{LATIN SMALL LETTER E WITH ACUTE}")
    (data,) = out.written
    assert isinstance(data, bytes)
    assert data.endswith(" caf\N{LATIN SMALL LETTER E WITH ACUTE}\n".encode())


def test_failure_carries_the_traceback(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    try:
        raise ZeroDivisionError("nope")
    except ZeroDivisionError:
        log.failure("it failed: {why}", why="maths")
    (record,) = records
    assert record.levelno == logging.CRITICAL
    assert record.getMessage() == "it failed: maths"
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError


def test_failure_without_an_exception_still_logs(records: list[logging.LogRecord]) -> None:
    make_logger(namespace="txaio_test").failure("no exception here")
    assert [(r.getMessage(), r.exc_info) for r in records] == [("no exception here", None)]


def test_failure_argument_is_used(records: list[logging.LogRecord]) -> None:
    error = KeyError("k")
    make_logger(namespace="txaio_test").failure("given", failure=error)
    assert records[0].exc_info is not None
    assert records[0].exc_info[1] is error


class _Failure:
    """A failure as backends other than asyncio hand them over: the exception is its ``.value``."""

    def __init__(self, value: object) -> None:
        self.value = value


class _ValueRaises:
    @property
    def value(self) -> BaseException:
        raise RuntimeError("cannot read")

    def __str__(self) -> str:
        return "unreadable failure"


class _UnprintableError(Exception):
    def __str__(self) -> str:
        raise ValueError("no text")


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (ZeroDivisionError("division by zero"), "ZeroDivisionError: division by zero"),
        (KeyError("division by zero"), "KeyError: 'division by zero'"),
        (_Failure(ValueError("bad request")), "ValueError: bad request"),
        (_UnprintableError(), "_UnprintableError: <exception str() failed>"),
    ],
    ids=["exception", "same_text_other_type", "failure_object", "unprintable"],
)
def test_log_failure_shows_the_type_and_the_text(records: list[logging.LogRecord], given: Any, shown: str) -> None:
    make_logger(namespace="txaio_test").failure("failed: {log_failure}", failure=given)
    (record,) = records
    assert record.getMessage() == f"failed: {shown}"
    assert record.log_event["log_failure"] is given  # type: ignore[attr-defined]
    assert record.exc_info is not None


class _ValueNotAnException:
    value = "not an exception"

    def __str__(self) -> str:
        return "odd failure"


@pytest.mark.parametrize(
    ("given", "shown"),
    [("oops", "oops"), (_ValueNotAnException(), "odd failure"), (_ValueRaises(), "unreadable failure")],
    ids=["text", "value_not_an_exception", "value_raises"],
)
def test_a_failure_that_is_not_one_is_shown_as_it_is(records: list[logging.LogRecord], given: Any, shown: str) -> None:
    make_logger(namespace="txaio_test").failure("failed: {log_failure}", failure=given)
    (record,) = records
    assert record.getMessage() == f"failed: {shown}"
    assert record.log_event["log_failure"] is given  # type: ignore[attr-defined]
    assert record.exc_info is None


def test_log_failure_as_a_keyword_is_the_failure(records: list[logging.LogRecord]) -> None:
    """``log.error("{log_failure}", log_failure=f)``: shown and traced as from failure()."""
    error = ValueError("bad request")
    make_logger(namespace="txaio_test").error("failed: {log_failure}", log_failure=_Failure(error))
    (record,) = records
    assert record.getMessage() == "failed: ValueError: bad request"
    assert record.exc_info is not None
    assert record.exc_info[1] is error


def test_a_format_reaches_into_the_failure(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    try:
        raise ValueError("bad request")
    except ValueError as error:
        log.failure("{log_failure.value} {log_failure.args[0]} {log_failure!r} [{log_failure:>25}]")
        log.failure("{log_failure.value.args[0]}", failure=_Failure(error))
    assert [r.getMessage() for r in records] == [
        "bad request bad request ValueError('bad request') [  ValueError: bad request]",
        "bad request",
    ]


def test_a_disabled_failure_renders_nothing(records: list[logging.LogRecord]) -> None:
    rendered: list[str] = []

    class Counted(Exception):
        def __str__(self) -> str:
            rendered.append("str")
            return "counted"

    log = make_logger(namespace="txaio_test")
    txaio.log.set_global_log_level("none")
    log.failure("{log_failure}", failure=Counted())
    logging.getLogger("txaio_test").disabled = True
    try:
        txaio.log.set_global_log_level("critical")
        log.failure("{log_failure}", failure=Counted())
    finally:
        logging.getLogger("txaio_test").disabled = False
    assert (records, rendered) == ([], [])


def test_logging_disable_and_disabled_loggers_are_respected(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    logging.disable(logging.ERROR)
    try:
        log.error("disabled")
    finally:
        logging.disable(logging.NOTSET)
    logging.getLogger("txaio_test").disabled = True
    try:
        log.error("disabled too")
    finally:
        logging.getLogger("txaio_test").disabled = False
    assert records == []


def test_start_logging_writes_timestamped_lines_to_out() -> None:
    out = io.StringIO()
    start_logging(out=out, level="debug")
    log = make_logger(namespace="txaio_test")
    log.debug("debug {x}", x=1)
    log.trace("hidden")
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d debug 1$", lines[0]), "26.6.1's stamp: no UTC offset"
    assert texts(out) == ["debug 1"]
    assert get_global_log_level() == "debug"


def test_start_logging_defaults_to_stdout_and_info(capsys: pytest.CaptureFixture[str]) -> None:
    start_logging()
    log = make_logger(namespace="txaio_test")
    log.info("to stdout")
    log.debug("not shown")
    out = capsys.readouterr().out
    assert out.endswith(" to stdout\n")
    assert "not shown" not in out


def test_start_logging_on_a_binary_stream() -> None:
    out = io.BytesIO()
    start_logging(out=out)
    make_logger(namespace="txaio_test").info("bytes \N{SNOWMAN}")
    assert out.getvalue().endswith(" bytes \N{SNOWMAN}\n".encode())


def test_stdlib_messages_appear_after_start_logging() -> None:
    out = io.StringIO()
    start_logging(out=out, level="debug")
    logging.getLogger("roy").info("Python stdlib message: %s", "txaio was here")
    logging.getLogger("roy").log(5, "below debug")
    logging.getLogger("roy").debug("stdlib debug")
    assert texts(out) == ["Python stdlib message: txaio was here", "stdlib debug"]


def test_failure_traceback_appears_in_the_output() -> None:
    out = io.StringIO()
    start_logging(out=out)
    try:
        raise RuntimeError("Fox spotted!")
    except RuntimeError:
        make_logger(namespace="txaio_test").failure("hop failed")
    text = out.getvalue()
    assert " hop failed\nTraceback (most recent call last):\n" in text
    assert "RuntimeError: Fox spotted!" in text


def test_second_start_logging_changes_nothing() -> None:
    first, second = io.StringIO(), io.StringIO()
    start_logging(out=first, level="warn")
    root_handlers = list(logging.getLogger().handlers)
    start_logging(out=second, level="trace")
    assert logging.getLogger().handlers == root_handlers
    assert get_global_log_level() == "warn"
    make_logger(namespace="txaio_test").warn("once")
    assert texts(first) == ["once"]
    assert second.getvalue() == ""


@pytest.mark.parametrize("started", [False, True])
def test_unknown_level_in_start_logging_raises_and_changes_nothing(started: bool) -> None:
    if started:
        start_logging(out=io.StringIO(), level="error")
    level = get_global_log_level()
    handlers = list(logging.getLogger().handlers)
    with pytest.raises(LogLevelError, match="none, critical, error, warn, info, debug, trace"):
        start_logging(out=io.StringIO(), level="verbose")
    assert get_global_log_level() == level
    assert logging.getLogger().handlers == handlers
    assert logging_started() is started


def test_user_handlers_levels_and_raise_exceptions_are_left_alone() -> None:
    root = logging.getLogger()
    mine = logging.NullHandler()
    root.addHandler(mine)
    raise_exceptions = logging.raiseExceptions
    old_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        start_logging(out=io.StringIO(), level="warn")
        assert mine in root.handlers
        assert root.level == logging.DEBUG  # never made quieter
        assert logging.raiseExceptions == raise_exceptions
    finally:
        root.removeHandler(mine)
        root.setLevel(old_level)


def test_root_becomes_verbose_enough_for_the_level() -> None:
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.WARNING)
    try:
        start_logging(out=io.StringIO(), level="debug")
        assert root.level == logging.DEBUG
    finally:
        root.setLevel(old_level)


def test_txaio_log_never_imports_twisted() -> None:
    code = (
        "import sys, io, txaio, txaio.log\n"
        "from txaio.log.sink import STDLIB_BACKEND\n"
        "log = txaio.make_logger()\n"
        "txaio.log.start_logging(out=io.StringIO(), level='trace', backend=STDLIB_BACKEND)\n"
        "log.info('x'); log.failure('f')\n"
        "assert 'twisted' not in sys.modules, sorted(m for m in sys.modules if 'twisted' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_out_without_write_raises_and_changes_nothing() -> None:
    handlers = list(logging.getLogger().handlers)
    with pytest.raises(TypeError, match="write"):
        start_logging(out="not a stream", level="debug")  # type: ignore[arg-type]
    assert logging.getLogger().handlers == handlers
    assert get_global_log_level() == "info"
    assert not logging_started()


def run_isolated(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter (what it imports is the point), with a timeout."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def test_importing_txaio_log_and_making_loggers_does_not_import_logging() -> None:
    # A library makes its loggers at import time; stdlib logging (milliseconds to import)
    # comes in only with the first message, or with the framework selected later.
    done = run_isolated(
        "import sys, txaio, txaio.log\n"
        "log = txaio.make_logger()\n"
        "assert 'logging' not in sys.modules, 'logging imported before any message'\n"
        "txaio.log.set_global_log_level('debug')\n"
        "assert 'logging' not in sys.modules, 'logging imported by a level change'\n"
        "log.info('first')\n"
        "assert 'logging' in sys.modules\n"
        "print('ok')\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_first_message_before_selection_names_its_caller_too() -> None:
    # The stdlib sink is imported by the first message: that message must still carry the
    # caller's file, line and function, as every later one does.
    done = run_isolated(
        "import logging, txaio.log\n"
        "seen = []\n"
        "class Keep(logging.Handler):\n"
        "    def emit(self, record): seen.append((record.funcName, record.lineno, record.getMessage()))\n"
        "logging.getLogger('lazy').addHandler(Keep())\n"
        "logging.getLogger('lazy').setLevel(logging.INFO)\n"
        "log = txaio.log.make_logger(namespace='lazy')\n"
        "def first():\n"
        "    log.warn('one')\n"
        "def second():\n"
        "    log.warn('two')\n"
        "first()\n"
        "second()\n"
        "print(seen)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('first', 9, 'one'), ('second', 11, 'two')]"
