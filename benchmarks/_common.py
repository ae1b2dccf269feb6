"""What the asyncio and Twisted cases share: the case record and the small helpers they call.

Runs inside a worker process on any txaio (ours or 26.6.1), so it uses only
the standard library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    so a case that keeps objects (make_logger) stays small.
    """

    name: str
    ours: Batch
    raw: Batch | None
    start: int = CHUNK
    cap: int = 4_000_000


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
