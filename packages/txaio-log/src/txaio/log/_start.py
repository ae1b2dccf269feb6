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

from txaio.log._backend import Backend, selected_backend
from txaio.log._levels import check_level
from txaio.log._state import set_global_log_level

#: How logging was started: the level, the stream, and how to undo it (tests).
_started: dict[str, Any] = {}


class _Stdout:
    """The default ``out``: whatever ``sys.stdout`` is when ``start_logging`` runs."""

    def __repr__(self) -> str:
        return "sys.stdout"


#: ``start_logging``'s default stream (26.6.1's default was an object too, not None).
STDOUT: Any = _Stdout()


def start_logging(out: IO[Any] | None = STDOUT, level: str = "info", *, backend: Backend | None = None) -> None:
    """Write ``<timestamp> <message>`` lines for messages at ``level`` and above to ``out``.

    ``out`` is stdout by default, or a text or a binary stream.  ``out=None``
    adds no output of txaio's own: it only sets the level, for the sinks the
    application set up itself (as txaio 26.6.1 on Twisted).  An unknown level
    raises (every call).  Only the first valid call acts; later ones change
    nothing.  Before a framework is selected it raises, as in 26.6.1: the
    output it would start belongs to the framework selected later.
    """
    chosen = backend if backend is not None else selected_backend()
    if chosen is None:
        raise RuntimeError(
            "txaio.start_logging() starts the selected framework's logging: call "
            "txaio.use_asyncio() or txaio.use_twisted() first (txaio has no framework selected)"
        )
    level = check_level(level)
    if _started:
        return
    stream: IO[Any] | None = sys.stdout if out is STDOUT else out
    if stream is not None and not callable(getattr(stream, "write", None)):
        raise TypeError(f"start_logging(out=...) needs a stream with a write() method, not {type(stream).__name__}")
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
