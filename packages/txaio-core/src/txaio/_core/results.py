"""How ``as_future`` sorts what a function returned, on both backends.

A coroutine of any kind runs: a native one, a Cython-compiled ``async def``,
or any other :class:`collections.abc.Coroutine`, which is what asyncio's
tasks and Twisted's ``Deferred.fromCoroutine`` accept.  Checking an ABC
costs more than a plain type check, so results of the common plain types
skip the checks altogether.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Final

#: Result types that are surely neither a future nor a coroutine: as_future skips its checks for them.
PLAIN_RESULTS: Final[frozenset[type]] = frozenset(
    {type(None), bool, int, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset}
)

__all__ = ("PLAIN_RESULTS", "Coroutine")
