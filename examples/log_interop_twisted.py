"""txaio logging beside Twisted's loggers, the new and the legacy one (Twisted).

Code that already logs through ``twisted.logger`` or the legacy
``twisted.python.log.msg`` needs no change: after ``txaio.start_logging()``
its events appear in txaio's output, next to those of txaio's own loggers.

    python examples/log_interop_twisted.py twisted
"""

from __future__ import annotations

import sys

import txaio

#: The frameworks this example runs on (read by demo.py).
FRAMEWORKS = ("twisted",)


def existing_code() -> None:
    """Code that knows nothing about txaio: it uses Twisted's logging only."""
    from twisted.logger import Logger
    from twisted.python import log as legacy

    legacy.msg("A legacy Twisted logger message")
    Logger(namespace="existing").info("A twisted.logger message about {thing}", thing="carrots")


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
    txaio.use_twisted()
    print("output before start_logging")
    txaio.start_logging(level="debug")
    print("output after start_logging")
    existing_code()
    Bunny().hop(42)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
