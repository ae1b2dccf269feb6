"""What the asyncio and Twisted cases share: the case record and the small helpers they call.

Runs inside a worker process on any txaio (ours or 26.6.1), so it uses only
the standard library.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import floors

#: Operations between two turns of the event loop in the cases that schedule work,
#: so cancelled timers and ready callbacks are cleaned up as a running program would.
CHUNK = 1000

#: Timer counts of the batched-timer cases.
BATCHED_SIZES = (1_000, 10_000, 100_000)

#: Batch: do about ``n`` operations, return how many were done.
Batch = Callable[[int], int]


@dataclass
class Case:
    """One case: the same work through txaio (``ours``) and directly on the framework (``raw``).

    ``start`` is the smallest batch (a multiple of it is always run); ``cap`` the largest,
    so a case that keeps objects (make_logger) stays small.  ``floor`` does the work through
    the least a Python layer with txaio's signatures must do, to tell what is ours from what
    the API's shape costs.
    """

    name: str
    ours: Batch
    raw: Batch | None
    start: int = CHUNK
    cap: int = 4_000_000
    #: The same work through a minimal layer with txaio's signatures (see floors.py), or None.
    floor: Batch | None = None


class NullSink:
    """A file that forgets what it is given: txaio's and the raw loggers' output goes here."""

    def write(self, data: object) -> None:
        pass

    def flush(self) -> None:
        pass


class VirtualTime:
    """A clock that stands still until told to move, so firing timers never waits for real time."""

    def __init__(self, start: float) -> None:
        self.value = start

    def now(self) -> float:
        return self.value


def noop() -> None:
    """The timer callback of the cancel cases (it never runs)."""


def plain(value: object) -> object:
    """The plain (non-async) function handed to as_future."""
    return value


def batched_name(prefix: str, size: int) -> str:
    return f"{prefix}_{size // 1000}k"


def require(condition: bool, what: str) -> None:
    """Stop the run when a case did not do its work: a broken backend must not look fast."""
    if not condition:
        raise RuntimeError(f"benchmark case did not complete: {what}")


def logging_cases(
    txaio: ModuleType,
    raw_enabled_logger: Callable[[NullSink], Callable[[int], None]],
    raw_make_logger: Callable[[], object],
) -> list[Case]:
    """The logging cases of either framework; only the raw enabled logger and raw make_logger differ.

    ``raw_enabled_logger(sink)`` returns a function that logs one enabled line
    for ``i`` to ``sink`` with the framework's own logger.  The disabled call
    is compared with a disabled stdlib call on both frameworks, as the target says.
    """
    sink = NullSink()
    log = txaio.make_logger()  # made before start_logging, as a module-level logger is
    txaio.start_logging(out=sink, level="info")
    raw_enabled = raw_enabled_logger(sink)
    stdlib_disabled = logging.getLogger("bench.stdlib.disabled")
    stdlib_disabled.setLevel(logging.INFO)
    stdlib_disabled.propagate = False

    def ours_disabled(n: int) -> int:
        for i in range(n):
            log.debug("disabled {i}", i=i)
        return n

    def raw_disabled(n: int) -> int:
        for i in range(n):
            stdlib_disabled.debug("disabled %s", i)
        return n

    floor_log = floors.logger()

    def floor_disabled(n: int) -> int:
        for i in range(n):
            floor_log.debug("disabled {i}", i=i)
        return n

    def ours_enabled(n: int) -> int:
        for i in range(n):
            log.info("enabled {i}", i=i)
        return n

    def raw_enabled_batch(n: int) -> int:
        for i in range(n):
            raw_enabled(i)
        return n

    def ours_make_logger(n: int) -> int:
        for _ in range(n):
            txaio.make_logger()
        return n

    def raw_make_logger_batch(n: int) -> int:
        for _ in range(n):
            raw_make_logger()
        return n

    return [
        Case("log_disabled", ours_disabled, raw_disabled, floor=floor_disabled),
        Case("log_enabled_null", ours_enabled, raw_enabled_batch, cap=200_000),
        Case("make_logger", ours_make_logger, raw_make_logger_batch, cap=20_000),
    ]
