"""The columns of the benchmark: which framework a worker selects, and on which loop.

uvloop is a column of its own because asyncio deployments of Autobahn run on it
in production, and its timers and futures cost less than the default loop's:
txaio's overhead shows more there.  It selects txaio's asyncio backend, like
the ``asyncio`` column, on a uvloop event loop.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable

#: Column name -> the txaio framework it selects.
COLUMNS: dict[str, str] = {"asyncio": "asyncio", "uvloop": "asyncio", "twisted": "twisted"}


class ColumnUnavailable(Exception):
    """This column's framework or loop is not installed in the interpreter at hand."""


def new_loop_factory(column: str) -> Callable[[], asyncio.AbstractEventLoop]:
    """How the asyncio cases of ``column`` make their event loop."""
    if column != "uvloop":
        return asyncio.new_event_loop
    try:
        uvloop = importlib.import_module("uvloop")
    except ImportError as exc:
        raise ColumnUnavailable(f"uvloop is not installed ({exc}): pip install uvloop") from None
    factory: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return factory
