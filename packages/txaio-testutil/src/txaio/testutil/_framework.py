"""Switching the selected framework inside one process: for tests only."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import txaio
from txaio._core import selection


def check_framework_name(name: object) -> str:
    """``name`` if txaio knows that framework, else a ValueError listing those it knows."""
    if not isinstance(name, str) or name not in selection.FRAMEWORKS:
        known = ", ".join(repr(known) for known in sorted(selection.FRAMEWORKS))
        raise ValueError(f"unknown txaio framework {name!r}; known: {known}")
    return name


@contextlib.contextmanager
def use_framework(name: str) -> Iterator[str]:
    """Select framework ``name`` for the body, then put the previous selection back.

    For tests only: applications select a framework once, and txaio refuses
    to switch, because futures made for one framework break on the other.
    The body starts with ``txaio.config.loop`` set to None (the framework's
    default loop), as in a fresh process; the previous loop comes back after.
    A framework that is not installed raises ImportError and changes nothing.
    """
    check_framework_name(name)
    config: Any = txaio.config
    saved = selection.save_state()
    saved_loop = config.loop
    selection.reset()
    config.loop = None
    try:
        selection.select(name)
        yield name
    finally:
        selection.restore_state(saved)
        config.loop = saved_loop
