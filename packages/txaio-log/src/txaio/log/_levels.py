"""Levels: their names and order, the global level, and every logger that follows it."""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from txaio.interfaces import log_levels

if TYPE_CHECKING:
    from txaio.log._logger import Logger

#: Every level, from "log nothing" to "log everything" (the order is the meaning).
LEVELS: Final[tuple[str, ...]] = tuple(log_levels)

#: The levels a logger has a method for ("none" is only a threshold).
EMITTING_LEVELS: Final[tuple[str, ...]] = LEVELS[1:]

_RANK: Final[dict[str, int]] = {name: rank for rank, name in enumerate(LEVELS)}


class LogLevelError(ValueError, RuntimeError):
    """An unknown level name.

    A ValueError, and also a RuntimeError because txaio 26.6.1's
    ``start_logging`` raised that for a bad level.
    """


def check_level(level: object) -> str:
    """Return ``level`` if it is a level name, else raise :class:`LogLevelError` listing the valid ones."""
    if isinstance(level, str) and level in _RANK:
        return level
    # the message starts as 26.6.1's did: code and tests match on "Invalid log level"
    raise LogLevelError(f"Invalid log level {level!r}: use one of {', '.join(LEVELS)}")


def is_enabled(level: str, threshold: str) -> bool:
    """True if a message at ``level`` passes a logger set to ``threshold``."""
    return _RANK[level] <= _RANK[threshold] and level != "none"


#: Python logging numbers for each level; "trace" is DEBUG marked ``txaio_trace=True``,
#: as in txaio 26.6.1 and on Twisted, so stdlib handlers at DEBUG show it.
STDLIB_LEVELNO: Final[dict[str, int]] = {
    "none": sys.maxsize,
    "critical": 50,
    "error": 40,
    "warn": 30,
    "info": 20,
    "debug": 10,
    "trace": 10,
}

#: Every txaio logger still alive (``txaio.aio._loggers`` / ``txaio.tx._loggers``).
loggers: weakref.WeakSet[Logger] = weakref.WeakSet()

_global_level: list[str] = ["info"]

#: Held while the global level changes and while a logger joins :data:`loggers`, so a
#: logger made during ``set_global_log_level`` either is updated or starts at the new level.
level_lock = threading.Lock()
_listeners: list[Callable[[str], None]] = []


def add_level_listener(listener: Callable[[str], None]) -> None:
    """Call ``listener(level)`` after each change of the global level (a started sink's settings)."""
    _listeners.append(listener)


def remove_level_listener(listener: Callable[[str], None]) -> None:
    """Stop calling ``listener``; harmless if it is not registered."""
    if listener in _listeners:
        _listeners.remove(listener)


def get_global_log_level() -> str:
    """The level every logger without a kept level of its own follows."""
    return _global_level[0]


def set_global_log_level(level: str) -> None:
    """Change what every txaio logger emits, except those with a kept level.

    An unknown level raises before anything changes.
    """
    level = check_level(level)
    with level_lock:
        _global_level[0] = level
        for logger in list(loggers):
            if not logger._log_level_set_explicitly:
                logger._set_log_level(level)
    for listener in list(_listeners):
        listener(level)
