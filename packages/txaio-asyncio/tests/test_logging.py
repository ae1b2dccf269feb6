"""txaio logging on asyncio: through stdlib logging, both ways.

What every framework agrees on is tested once in
tests-integration/conformance/test_logging.py.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

import txaio
from txaio.aio import _logging as _aio_logging
from txaio.log import Logger
from txaio.testutil import isolated_logging, kept_records, logged_texts


@pytest.fixture(autouse=True)
def _isolated_logging() -> Iterator[None]:
    with isolated_logging():
        yield


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    with kept_records("aio_test") as seen:
        yield seen


def texts(out: io.StringIO) -> list[str]:
    return logged_texts(out.getvalue())


def test_make_logger_registers_the_logger_with_txaio_aio() -> None:
    log = txaio.make_logger()
    assert isinstance(log, Logger)
    assert log in _aio_logging._loggers
    assert isinstance(_aio_logging._loggers, type(txaio.log.loggers))


def test_records_reach_user_handlers_under_the_namespace(records: list[logging.LogRecord]) -> None:
    log = txaio.make_logger(namespace="aio_test.sub")
    log.error("oh {what}", what="no")
    (record,) = records
    assert (record.name, record.levelno, record.getMessage()) == ("aio_test.sub", logging.ERROR, "oh no")
    assert record.pathname == __file__


def test_user_handler_levels_apply(records: list[logging.LogRecord]) -> None:
    handler = logging.getLogger("aio_test").handlers[-1]
    handler.setLevel(logging.ERROR)
    log = txaio.make_logger(namespace="aio_test")
    log.warn("filtered by the handler")
    log.error("passes")
    assert [r.getMessage() for r in records] == ["passes"]


def test_a_logger_made_early_emits_through_stdlib(records: list[logging.LogRecord]) -> None:
    early = txaio.log.make_logger(namespace="aio_test.early")
    early.info("early {n}", n=1)
    assert [r.getMessage() for r in records] == ["early 1"]


def test_stdlib_logger_levels_apply(records: list[logging.LogRecord]) -> None:
    logging.getLogger("aio_test").setLevel(logging.WARNING)
    log = txaio.make_logger(namespace="aio_test.quiet")
    log.info("held back by the stdlib level")
    log.warn("passes")
    assert [r.getMessage() for r in records] == ["passes"]


def test_a_kept_txaio_level_wins_over_the_inherited_stdlib_level(records: list[logging.LogRecord]) -> None:
    logging.getLogger("aio_test").setLevel(logging.WARNING)
    kept = txaio.make_logger("debug", namespace="aio_test.kept")
    kept.debug("kept debug")
    logging.disable(logging.DEBUG)
    try:
        kept.debug("logging.disable still applies")
    finally:
        logging.disable(logging.NOTSET)
    assert [r.getMessage() for r in records] == ["kept debug"]


def test_before_start_logging_stdlib_defaults_apply(caplog: pytest.LogCaptureFixture) -> None:
    assert logging.getLogger().level == logging.WARNING
    log = txaio.make_logger(namespace="aio_default")
    log.info("dropped by the root level (WARNING)")
    log.error("kept")
    assert [r.getMessage() for r in caplog.records if r.name == "aio_default"] == ["kept"]


def test_a_more_verbose_global_level_lowers_the_root_level_after_start() -> None:
    root = logging.getLogger()
    out = io.StringIO()
    txaio.start_logging(out=out, level="info")
    assert root.level == logging.INFO
    txaio.set_global_log_level("debug")
    assert root.level == logging.DEBUG
    logging.getLogger("roy").debug("now shown")
    txaio.set_global_log_level("error")
    assert root.level == logging.DEBUG  # never made quieter
    logging.getLogger("roy").info("hidden by txaio's handler")
    assert texts(out) == ["now shown"]
