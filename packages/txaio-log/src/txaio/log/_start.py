"""``start_logging``: once per process, the first call wins.

Applications and the frameworks they run on (a runner, a test harness) may
both call it; keeping the first call's choice means a later, generic call
cannot silently lower the verbosity (or redirect the output) the
application asked for.  txaio 26.6.1 also ignored later calls.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO, Any

from txaio.log._backend import Backend, current_backend
from txaio.log._levels import check_level
from txaio.log._state import set_global_log_level

#: How logging was started: the level, the stream, and how to undo it (tests).
_started: dict[str, Any] = {}


def start_logging(out: IO[Any] | None = None, level: str = "info", *, backend: Backend | None = None) -> None:
    """Write ``<timestamp> <message>`` lines for messages at ``level`` and above to ``out``.

    ``out`` is stdout when None, a text or a binary stream otherwise.  An
    unknown level raises (every call).  Only the first valid call acts; later
    ones change nothing.
    """
    level = check_level(level)
    if _started:
        return
    stream: IO[Any] = sys.stdout if out is None else out
    if not callable(getattr(stream, "write", None)):
        raise TypeError(f"start_logging(out=...) needs a stream with a write() method, not {type(stream).__name__}")
    chosen = backend if backend is not None else current_backend()
    stop: Callable[[], None] = chosen.start(stream, level)
    _started.update(level=level, out=stream, stop=stop)
    set_global_log_level(level)


def logging_started() -> bool:
    """True once ``start_logging`` has acted."""
    return bool(_started)


def stop_logging() -> None:
    """Remove what ``start_logging`` added, so that it can run again (tests only)."""
    if _started:
        stop = _started["stop"]
        _started.clear()
        stop()
