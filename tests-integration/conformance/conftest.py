"""Helpers of the conformance suite: watch a future's outcome in a framework-neutral way.

The suite runs unchanged on every installed framework through the
``txaio_framework`` and ``txaio_clock`` fixtures of txaio-testutil; nothing
here imports asyncio or Twisted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import txaio


@pytest.fixture
def watch(txaio_clock: Any) -> Callable[[Any], list[tuple[str, Any]]]:
    """``watch(future)``: a list that gets ("ok", result) or ("err", failure) once the clock advances."""

    def attach(future: Any) -> list[tuple[str, Any]]:
        seen: list[tuple[str, Any]] = []
        txaio.add_callbacks(future, lambda value: seen.append(("ok", value)), lambda fail: seen.append(("err", fail)))
        return seen

    return attach
