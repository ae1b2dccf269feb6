"""What the two logging-interop examples share: the guide's Bunny, and the steps of its example.

The library code below is written once against txaio's logging API; each
example adds only the "existing code" that logs through its framework's own
loggers.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import txaio


class Bunny:
    """Code written against txaio's logging API."""

    log = txaio.make_logger()

    def hop(self, times: int = 1) -> None:
        self.log.trace("Bunny.hop(times={times})", times=times)  # below debug: not shown
        self.log.debug("Hopping {times} times.", times=times)
        try:
            raise RuntimeError("Fox spotted!")  # the demo's failure, on purpose
        except RuntimeError:
            fail = txaio.create_failure()
            self.log.critical("expected failure: {message}", message=txaio.failure_message(fail))


def run(argv: list[str], framework: str, existing_code: Callable[[], None]) -> int:
    """Select ``framework``, start txaio's logging, then let both kinds of code log."""
    if len(argv) != 2 or argv[1] != framework:
        print(f"usage: {argv[0]} {framework}", file=sys.stderr)
        return 2
    if framework == "asyncio":
        txaio.use_asyncio()
    else:
        txaio.use_twisted()
    print("output before start_logging")
    txaio.start_logging(level="debug")
    print("output after start_logging")
    existing_code()
    Bunny().hop(42)
    return 0
