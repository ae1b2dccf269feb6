"""Swapping ``txaio.config.loop`` for the length of a ``with`` block."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, TypeVar

import txaio

LoopT = TypeVar("LoopT")


@contextlib.contextmanager
def replace_loop(new_loop: LoopT) -> Iterator[LoopT]:
    """Make ``new_loop`` the loop (or reactor) txaio uses, then put the old one back.

    The old loop comes back also when the body raises, so one failing test
    cannot leave its loop behind for the next.
    """
    config: Any = txaio.config
    old_loop = config.loop
    config.loop = new_loop
    try:
        yield new_loop
    finally:
        config.loop = old_loop
