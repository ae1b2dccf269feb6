"""The virtual clock both frameworks share: what it offers and how to get one."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import txaio
from txaio.backend import Framework, VirtualClock, find_framework
from txaio.testutil._loop import replace_loop
from txaio.testutil._support import framework_factory

__all__ = ("VirtualClock", "make_clock", "selected_framework", "virtual_clock")


def selected_framework() -> str:
    """The name of the framework txaio currently uses, or a clear error if none."""
    if txaio.using_asyncio:
        return "asyncio"
    if txaio.using_twisted:
        return "twisted"
    raise RuntimeError(
        "no txaio framework is selected: select one first (txaio.use_asyncio(), txaio.use_twisted(), "
        "txaio.testutil.use_framework()) or pass framework='asyncio' / 'twisted'"
    )


def make_clock(framework: str) -> VirtualClock:
    """A fresh, not yet installed virtual clock for ``framework``."""
    clock = framework_factory(framework, "virtual clock", Framework.load_virtual_clock)()
    if not isinstance(clock, VirtualClock):
        reference = find_framework(framework).virtual_clock
        raise TypeError(f"{reference} made {clock!r}, not a txaio.backend.VirtualClock")
    return clock


@contextlib.contextmanager
def virtual_clock(framework: str | None = None) -> Iterator[VirtualClock]:
    """Install a virtual clock as ``txaio.config.loop`` for the body of the block.

    ``framework`` defaults to the selected one. Afterwards the clock is
    closed and the previous loop is back, also when the body raises.
    """
    clock = make_clock(selected_framework() if framework is None else framework)
    try:
        with replace_loop(clock.loop):
            yield clock
    finally:
        clock.close()
