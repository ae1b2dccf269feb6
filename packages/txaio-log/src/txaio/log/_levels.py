"""Levels: their names, their order and how they compare.

The bottom of txaio-log: it imports none of its other modules, and nothing
here changes while a program runs (the global level lives with the loggers
that follow it, in ``_logger``).
"""

from __future__ import annotations

import sys
from typing import Final

from txaio.interfaces import log_levels

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
