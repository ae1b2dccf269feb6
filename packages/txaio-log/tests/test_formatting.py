"""Messages are PEP 3101 formats; a bad one never raises into the caller."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from txaio.log import format_message, make_logger


def test_formats_keyword_arguments() -> None:
    assert format_message(
        "{a} and {b[k]} and {c.real} {d!r} {e:03d}", {"a": 1, "b": {"k": 2}, "c": 3, "d": "x", "e": 7}
    ) == ("1 and 2 and 3 'x' 007")


def test_none_is_empty_and_braces_escape() -> None:
    assert format_message(None, {}) == ""
    assert format_message("{{literal}}", {}) == "{literal}"


class _Explodes:
    def __format__(self, spec: str) -> str:
        raise RuntimeError("no format for you")


@pytest.mark.parametrize(
    ("fmt", "kwargs", "problem"),
    [
        ("missing {y}", {}, "KeyError: 'y'"),
        ("spec {x:d}", {"x": "s"}, "ValueError: Unknown format code 'd'"),
        ("positional {}", {}, "positional fields"),
        ("attr {x.nope}", {"x": 1}, "AttributeError"),
        ("unclosed {x", {"x": 1}, "ValueError"),
        ("raises {x}", {"x": _Explodes()}, "RuntimeError: no format for you"),
    ],
)
def test_bad_format_yields_a_line_with_the_format_and_the_problem(
    fmt: str, kwargs: dict[str, Any], problem: str
) -> None:
    line = format_message(fmt, kwargs)
    assert repr(fmt) in line
    assert problem in line


def test_a_bad_format_in_a_log_call_is_logged_not_raised(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    log.info("hello {who}", x=1)
    log.error("{n:d}", n="nine")
    assert "'hello {who}'" in records[0].getMessage()
    assert "KeyError" in records[0].getMessage()
    assert "'{n:d}'" in records[1].getMessage()


TRACEBACK_WITH_BRACES = """Traceback (most recent call last):
  File "app.py", line 3, in <module>
    {'a': 1}['b']
KeyError: 'b' in {'a': 1} and {} and {0}"""


@pytest.mark.parametrize("text", [TRACEBACK_WITH_BRACES, "{", "}", "{}", "{0}", "{x!z}"])
def test_a_message_without_keywords_that_does_not_format_is_logged_as_text(
    records: list[logging.LogRecord], text: str
) -> None:
    make_logger(namespace="txaio_test").critical(text)
    assert records[0].getMessage() == text


@pytest.mark.parametrize(
    ("message", "shown"), [("{{x}}", "{x}"), ("at {log_level}", "at warn"), ("ns {log_namespace}", "ns txaio_test")]
)
def test_a_message_without_keywords_that_formats_is_formatted(
    records: list[logging.LogRecord], message: str, shown: str
) -> None:
    make_logger(namespace="txaio_test").warn(message)
    assert records[0].getMessage() == shown


def test_failure_formats_log_failure(records: list[logging.LogRecord]) -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        make_logger(namespace="txaio_test").failure("request failed: {log_failure}")
    assert records[0].getMessage() == "request failed: ValueError: boom"


def test_format_keyword_is_the_message(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    log.info(format="client {peer} connected", peer="p1")
    log.emit("info", format="emitted {peer}", peer="p2")
    log.failure(format="failed {peer}", peer="p3")
    assert [r.getMessage() for r in records] == ["client p1 connected", "emitted p2", "failed p3"]


def test_emit_takes_any_event_key(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    event = {"log_format": "{message} from {peer}", "message": "hi", "peer": "w1", "log_namespace": "elsewhere"}
    log.emit("info", **event)
    log.emit("warn", "given {message}", message="m")
    assert [r.getMessage() for r in records] == ["hi from w1", "given m"]
    with pytest.raises(TypeError, match="positional"):
        log.emit("info", "a", "b")


def test_log_time_and_log_level_are_added(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    log.warn("{log_level} at {log_time:.0f}")
    level, _, when = records[0].getMessage().partition(" at ")
    assert level == "warn"
    assert abs(float(when) - records[0].created) < 2


def test_a_non_string_message_is_logged_as_text(records: list[logging.LogRecord]) -> None:
    log = make_logger(namespace="txaio_test")
    log.info(ValueError("bad {thing}"))
    log.info(None)
    assert [r.getMessage() for r in records] == ["bad {thing}", ""]
