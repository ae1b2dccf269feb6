"""Test helpers for code that runs on asyncio and Twisted through txaio."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from txaio import _selection


@contextlib.contextmanager
def use_framework(name: str) -> Iterator[str]:
    """Select framework ``name`` for the body, then put the previous selection back.

    For tests only: applications select a framework once, and txaio refuses
    to switch. A framework that is not installed raises ImportError.
    """
    saved = _selection.save_state()
    _selection.reset()
    try:
        _selection.select(name)
        yield name
    finally:
        _selection.restore_state(saved)
