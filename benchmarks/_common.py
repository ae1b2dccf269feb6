"""What the asyncio and Twisted cases share: the case record and the small helpers they call.

Runs inside a worker process on any txaio (ours or 26.6.1), so it uses only
the standard library.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import floors

#: Operations between two turns of the event loop in the cases that schedule work,
#: so cancelled timers and ready callbacks are cleaned up as a running program would.
CHUNK = 1000

#: Timer counts of the batched-timer cases.
BATCHED_SIZES = (1_000, 10_000, 100_000)

#: Futures per gather in the gather cases, and gathers between two turns of the loop.
GATHER_WIDTH = 10
GATHER_CHUNK = 100

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


def log_stream() -> Any:
    """The text stream the enabled log cases write to: a real file (``os.devnull``), as a program's stdout.

    txaio's ``start_logging`` acts once per process, so txaio and the raw logger
    share this one stream: each line is formatted, encoded, written and flushed.
    """
    return open(os.devnull, "w", encoding="utf-8")  # kept open for the worker's life


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
    raw_enabled_logger: Callable[[Any], Callable[[int], None]],
    raw_make_logger: Callable[[], object],
) -> list[Case]:
    """The logging cases of either framework; only the raw enabled logger and raw make_logger differ.

    ``raw_enabled_logger(stream)`` returns a function that logs one enabled line
    for ``i`` to ``stream`` with the framework's own logger.  The disabled call
    is compared with a disabled stdlib call on both frameworks, as the target says.
    """
    stream = log_stream()
    log = txaio.make_logger()  # made before start_logging, as a module-level logger is
    txaio.start_logging(out=stream, level="info")
    raw_enabled = raw_enabled_logger(stream)
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
        Case("log_enabled_stream", ours_enabled, raw_enabled_batch, cap=200_000),
        Case("make_logger", ours_make_logger, raw_make_logger_batch, cap=20_000),
    ]


def failure_cases(
    txaio: ModuleType, raw_message: Callable[[], str], raw_traceback: Callable[[BaseException], Callable[[], str]]
) -> list[Case]:
    """``create_failure`` + ``failure_message`` inside an except block, and ``failure_format_traceback``.

    ``raw_message()``, called inside an except block, makes the framework's own
    one-line message of the exception being handled; ``raw_traceback(exc)``
    returns a function that formats ``exc``'s traceback the framework's way.
    Each message case raises a new exception per operation, on both sides.
    """

    def ours_message(n: int) -> int:
        create, message = txaio.create_failure, txaio.failure_message
        for i in range(n):
            try:
                raise ValueError(i)
            except ValueError:
                message(create())
        return n

    def raw_message_batch(n: int) -> int:
        for i in range(n):
            try:
                raise ValueError(i)
            except ValueError:
                raw_message()
        return n

    # Made inside the except block, as errbacks' failures are: create_failure(exc) on asyncio in
    # 26.6.1 drops the traceback, so the two would not format the same thing.
    try:
        _raise_it()
    except ValueError as raised:
        exc = raised
        fail = txaio.create_failure()
    require(txaio.failure_format_traceback(fail).count("\n") > 4, "failure_format_traceback")
    raw_format = raw_traceback(exc)

    def ours_traceback(n: int) -> int:
        format_traceback = txaio.failure_format_traceback
        for _ in range(n):
            format_traceback(fail)
        return n

    def raw_traceback_batch(n: int) -> int:
        for _ in range(n):
            raw_format()
        return n

    return [
        Case("failure_message", ours_message, raw_message_batch),
        Case("failure_format_traceback", ours_traceback, raw_traceback_batch, start=100, cap=100_000),
    ]


def _raise_it() -> None:
    _raise_it_deeper()


def _raise_it_deeper() -> None:
    raise ValueError("the value was wrong")
