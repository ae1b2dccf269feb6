"""Test helpers for code that runs on asyncio and Twisted through txaio.

- :func:`replace_loop`: use another event loop / reactor for a block.
- :func:`use_framework`: select a framework for a block (tests only).
- :func:`virtual_clock`: a clock that only moves on ``advance()``.

With pytest, the plugin (:mod:`txaio.testutil.plugin`) offers the same as
the fixtures ``txaio_framework`` and ``txaio_clock`` and the marker
``txaio_only``.
"""

from __future__ import annotations

from txaio.testutil._clock import VirtualClock, virtual_clock
from txaio.testutil._framework import use_framework
from txaio.testutil._loop import replace_loop

__all__ = ["VirtualClock", "replace_loop", "use_framework", "virtual_clock"]
