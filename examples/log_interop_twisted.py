"""txaio logging beside Twisted's loggers, the new and the legacy one (Twisted).

Code that already logs through ``twisted.logger`` or the legacy
``twisted.python.log.msg`` needs no change: after ``txaio.start_logging()``
its events appear in txaio's output, next to those of txaio's own loggers.

    python examples/log_interop_twisted.py twisted
"""

from __future__ import annotations

import sys

from _interop import run

#: The frameworks this example runs on (read by demo.py): the existing code here is Twisted's
#: own logging; its asyncio counterpart is log_interop_stdlib.py.
FRAMEWORKS = ("twisted",)


def existing_code() -> None:
    """Code that knows nothing about txaio: it uses Twisted's logging only."""
    from twisted.logger import Logger
    from twisted.python import log as legacy

    legacy.msg("A legacy Twisted logger message")
    Logger(namespace="existing").info("A twisted.logger message about {thing}", thing="carrots")


if __name__ == "__main__":
    sys.exit(run(sys.argv, "twisted", existing_code))
