"""Helpers for tests of code that logs through txaio.

``start_logging`` acts once per process and the log level is global: a test
suite that exercises them needs each test to start from the same state, and
to read back what was written or recorded.  Only :func:`isolated_logging`
needs txaio-log (``pip install txaio-testutil[log]``); it is imported when used, so
txaio-testutil itself stays importable without it.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator


@contextlib.contextmanager
def isolated_logging() -> Iterator[None]:
    """Undo what the body does to txaio logging: ``start_logging``, level changes, new categories.

    Logging is stopped on entry too, so the body may call ``start_logging``
    and have it act.
    """
    try:
        from txaio.log import stop_logging
        from txaio.log.sink import save_log_state
    except ModuleNotFoundError as exc:
        if exc.name not in ("txaio.log", "txaio.log.sink"):
            raise
        raise ModuleNotFoundError(
            "txaio.testutil.isolated_logging() needs the txaio-log distribution: "
            "pip install txaio-testutil[log] (or txaio-log)",
            name=exc.name,
        ) from None  # the cause stays reachable as __context__
    restore = save_log_state()
    stop_logging()
    try:
        yield
    finally:
        stop_logging()
        restore()


#: A line that ``start_logging`` writes: an ISO timestamp (with its UTC offset on
#: Twisted, without on asyncio, as txaio 26.6.1 wrote them), then the text.
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d{4})? (?P<text>.*)$")


def logged_texts(output: str) -> list[str]:
    """The text of every timestamped line ``start_logging`` wrote to ``output`` (continuation lines are left out)."""
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
