"""Helpers for tests of txaio logging (tests only), shared by every package's suite.

``start_logging`` acts once per process and the level is global; a test
suite that exercises them needs each test to start from the same state, and
to read back what was written or recorded.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator

from txaio.log import _categories
from txaio.log._start import stop_logging
from txaio.log._state import get_global_log_level, loggers, set_global_log_level


@contextlib.contextmanager
def isolated_logging() -> Iterator[None]:
    """Undo ``start_logging``, level changes and new categories made in the body."""
    level = get_global_log_level()
    categories = dict(_categories._categories)
    kept = {logger: (logger._log_level, logger._log_level_set_explicitly) for logger in list(loggers)}
    stop_logging()
    try:
        yield
    finally:
        stop_logging()
        _categories._categories.clear()
        _categories._categories.update(categories)
        set_global_log_level(level)
        for logger, (own_level, explicit) in kept.items():
            logger._log_level_set_explicitly = explicit
            logger._set_log_level(own_level)


#: A line that ``start_logging`` writes: an ISO timestamp (with its UTC offset on
#: Twisted, without on asyncio, as txaio 26.6.1 wrote them), then the text.
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d{4})? (?P<text>.*)$")


def logged_texts(output: str) -> list[str]:
    """The text of every timestamped line of ``output`` (continuation lines are left out)."""
    return [match["text"] for match in map(LOG_LINE.match, output.splitlines()) if match]


@contextlib.contextmanager
def kept_records(logger_name: str) -> Iterator[list[logging.LogRecord]]:
    """The stdlib records that reach ``logger_name`` and below while the body runs.

    The logger lets every level through meanwhile, so tests see txaio's own
    level decisions; its handlers and level are put back afterwards.
    """
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    handler = Keep()
    target = logging.getLogger(logger_name)
    level = target.level
    target.addHandler(handler)
    target.setLevel(1)
    try:
        yield seen
    finally:
        target.removeHandler(handler)
        target.setLevel(level)
