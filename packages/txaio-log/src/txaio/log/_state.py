"""The global log level and every logger that follows it."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from txaio.log._levels import check_level

if TYPE_CHECKING:
    from txaio.log._logger import Logger

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
