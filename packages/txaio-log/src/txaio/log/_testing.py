"""Putting txaio's process-wide logging state back after a test (tests only).

``start_logging`` acts once per process and the level is global; a test
suite that exercises them needs each test to start from the same state.
"""

from __future__ import annotations

import contextlib
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
