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

from _interop import run

#: The frameworks this example runs on (read by demo.py): stdlib logging is what asyncio code
#: logs through; on Twisted, txaio's lines go to twisted.logger (see log_interop_twisted.py).
FRAMEWORKS = ("asyncio",)


def existing_code() -> None:
    """Code that knows nothing about txaio: it uses the standard library only."""
    log = logging.getLogger("roy")
    log.info("Python stdlib message: %s", "txaio was here")
    log.debug("a stdlib debug message, shown because txaio's level is debug")


if __name__ == "__main__":
    sys.exit(run(sys.argv, "asyncio", existing_code))
