"""txaio logging beside Python's own ``logging`` (asyncio).

Code that already logs through the standard library needs no change: after
``txaio.start_logging()`` its records appear in txaio's output, and txaio's
own loggers go through ``logging`` too, under their namespace, so stdlib
handlers and levels apply to them.

    python examples/log_interop_stdlib.py asyncio
"""

from __future__ import annotations

import logging
import sys

import txaio

#: The frameworks this example runs on (read by demo.py).
FRAMEWORKS = ("asyncio",)


def existing_code() -> None:
    """Code that knows nothing about txaio: it uses the standard library only."""
    log = logging.getLogger("roy")
    log.info("Python stdlib message: %s", "txaio was here")
    log.debug("a stdlib debug message, shown because txaio's level is debug")


class Bunny:
    """Code written against txaio's logging API."""

    log = txaio.make_logger()

    def hop(self, times: int = 1) -> None:
        self.log.trace("Bunny.hop(times={times})", times=times)  # below debug: not shown
        self.log.debug("Hopping {times} times.", times=times)
        try:
            raise RuntimeError("Fox spotted!")
        except RuntimeError:
            fail = txaio.create_failure()
            self.log.critical(txaio.failure_message(fail))


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in FRAMEWORKS:
        print(f"usage: {argv[0]} {{{'|'.join(FRAMEWORKS)}}}", file=sys.stderr)
        return 2
    txaio.use_asyncio()
    print("output before start_logging")
    txaio.start_logging(level="debug")
    print("output after start_logging")
    existing_code()
    Bunny().hop(42)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
