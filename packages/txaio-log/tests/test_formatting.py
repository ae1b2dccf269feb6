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
    log.info("hello {who}")
    log.error("{n:d}", n="nine")
    assert "'hello {who}'" in records[0].getMessage()
    assert "KeyError" in records[0].getMessage()
    assert "'{n:d}'" in records[1].getMessage()


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
