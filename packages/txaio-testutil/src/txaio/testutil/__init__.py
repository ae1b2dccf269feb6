"""Test helpers for code that runs on asyncio and Twisted through txaio.

- :func:`replace_loop`: use another event loop / reactor for a block.
- :func:`use_framework`: select a framework for a block (tests only).
- :func:`save_selection`, :func:`restore_selection`, :func:`reset_selection`:
  snapshot the selected framework, put a snapshot back, or forget the
  selection, for fixtures that must leave txaio as they found it.
- :func:`virtual_clock`: a clock that only moves on ``advance()``.
- :func:`result_of`, :func:`failure_of`, :func:`assert_no_result`: what a
  future holds right now, on either framework (after Twisted's
  ``successResultOf`` / ``failureResultOf`` / ``assertNoResult``).
- :func:`isolated_logging`: undo what a block does to txaio logging
  (``start_logging``, levels, categories); :func:`logged_texts` and
  :func:`kept_records`: read back what was logged.

With pytest, the plugin (:mod:`txaio.testutil.plugin`) offers the same as
the fixtures ``txaio_framework`` and ``txaio_clock``, the markers ``txaio``
and ``txaio_only``, and runs ``async def`` tests on each framework.
"""

from __future__ import annotations

from txaio.testutil._clock import VirtualClock, virtual_clock
from txaio.testutil._framework import reset_selection, restore_selection, save_selection, use_framework
from txaio.testutil._logging import isolated_logging, kept_records, logged_texts
from txaio.testutil._loop import replace_loop
from txaio.testutil._outcome import assert_no_result, failure_of, result_of
from txaio.testutil._version import __version__ as __version__

__all__ = [
    "VirtualClock",
    "assert_no_result",
    "failure_of",
    "isolated_logging",
    "kept_records",
    "logged_texts",
    "replace_loop",
    "reset_selection",
    "restore_selection",
    "result_of",
    "save_selection",
    "use_framework",
    "virtual_clock",
]
