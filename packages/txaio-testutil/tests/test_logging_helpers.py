"""``isolated_logging``, ``logged_texts`` and ``kept_records``: a test's logging leaves nothing behind."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from txaio.log import get_global_log_level, logging_started, make_logger, set_global_log_level, start_logging
from txaio.log.sink import STDLIB_BACKEND
from txaio.testutil import isolated_logging, kept_records, logged_texts


def test_isolated_logging_puts_back_the_global_level_and_each_loggers_level() -> None:
    follower = make_logger(namespace="testutil_test.follower")
    keeper = make_logger("error", namespace="testutil_test.keeper")
    before = get_global_log_level()
    with isolated_logging():
        set_global_log_level("trace")
        keeper.set_log_level("debug", keep=False)
        assert follower.log_level == "trace"
    assert get_global_log_level() == before
    assert follower.log_level == before
    assert keeper.log_level == "error"
    set_global_log_level("critical")  # the keeper kept its own level again: the global one leaves it be
    try:
        assert keeper.log_level == "error"
    finally:
        set_global_log_level(before)


def test_isolated_logging_undoes_start_logging_so_the_next_start_acts() -> None:
    first, second = io.StringIO(), io.StringIO()
    log = make_logger(namespace="testutil_test.start")
    with isolated_logging():
        start_logging(first, "info", backend=STDLIB_BACKEND)
        assert logging_started()
    assert not logging_started()
    with isolated_logging():
        start_logging(second, "info", backend=STDLIB_BACKEND)
        log.info("only in the second")
    log.info("after both")
    assert logged_texts(first.getvalue()) == []
    assert logged_texts(second.getvalue()) == ["only in the second"]


def test_isolated_logging_stops_logging_started_before_it() -> None:
    outer, inner = io.StringIO(), io.StringIO()
    log = make_logger(namespace="testutil_test.nested")
    with isolated_logging():
        start_logging(outer, "info", backend=STDLIB_BACKEND)
        with isolated_logging():
            start_logging(inner, "info", backend=STDLIB_BACKEND)
            log.info("inside")
    assert logged_texts(inner.getvalue()) == ["inside"]
    assert logged_texts(outer.getvalue()) == []


def test_isolated_logging_forgets_categories_added_in_the_body() -> None:
    from txaio.log import add_log_categories

    log = make_logger(namespace="testutil_test.categories")
    with isolated_logging():
        add_log_categories({"TU1": "category text"})
    with kept_records("testutil_test.categories") as seen:
        log.info("own text", log_category="TU1")
    assert [record.getMessage() for record in seen] == ["own text"]


def test_isolated_logging_without_txaio_log_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "txaio.log", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install txaio-testutil\[log\]"):
        with isolated_logging():
            pytest.fail("the body must not run")


def test_logged_texts_keeps_the_text_of_timestamped_lines_only() -> None:
    output = "2026-01-21T01:02:03 plain\n  continued\n2026-01-21T01:02:03+0100 with offset\nno stamp\n"
    assert logged_texts(output) == ["plain", "with offset"]


def test_kept_records_sees_every_level_and_puts_the_logger_back() -> None:
    target = logging.getLogger("testutil_test.records")
    target.setLevel(logging.ERROR)
    handlers = list(target.handlers)
    try:
        with kept_records("testutil_test.records") as seen:
            logging.getLogger("testutil_test.records.child").debug("low")
        assert [record.getMessage() for record in seen] == ["low"]
        assert target.level == logging.ERROR
        assert target.handlers == handlers
    finally:
        target.setLevel(logging.NOTSET)
