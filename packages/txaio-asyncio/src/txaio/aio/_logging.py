"""Logging on asyncio: txaio loggers write through stdlib ``logging``.

Records go to the stdlib logger named after the txaio logger's namespace, so
the user's handlers and filters see them; ``start_logging`` adds one handler
to the root logger, so plain stdlib loggers show up in txaio's output too.
Imported by the first logging call of ``txaio.aio`` (or when txaio-log is in
use at selection), not by selecting asyncio.
"""

from __future__ import annotations

import weakref
from typing import IO, Any

import txaio.aio
from txaio.log import (
    Logger,
    add_log_categories,
    get_global_log_level,
    register_backend,
    set_global_log_level,
    skip_frames_of,
)
from txaio.log import caller_namespace as _caller_namespace
from txaio.log import start_logging as _start_logging
from txaio.log.sink import STDLIB_BACKEND, STDOUT
from txaio.log.sink import loggers as _all_loggers

__all__ = (
    "add_log_categories",
    "get_global_log_level",
    "make_logger",
    "set_global_log_level",
    "start_logging",
)

#: Every txaio logger alive (shared with ``txaio.tx._loggers``; 26.6.1 kept one per backend).
_loggers: weakref.WeakSet[Logger] = _all_loggers

register_backend("asyncio", STDLIB_BACKEND)
# txaio.aio.make_logger() reaches make_logger below through its first-use delegate.
skip_frames_of(txaio.aio.make_logger.__code__)


def make_logger(level: str | None = None, namespace: str | None = None) -> Logger:
    """What ``txaio.aio.make_logger`` (its first-use delegate, which says what it makes) returns."""
    return Logger(_caller_namespace() if namespace is None else namespace, level, backend=STDLIB_BACKEND)


def start_logging(out: IO[Any] | None = STDOUT, level: str = "info") -> None:
    """What ``txaio.aio.start_logging`` (its first-use delegate, which says what it does) does."""
    _start_logging(out, level, backend=STDLIB_BACKEND)
