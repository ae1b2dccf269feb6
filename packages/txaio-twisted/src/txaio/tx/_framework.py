"""The one descriptor of the Twisted framework, registered as entry point ``txaio.frameworks: twisted``.

It names everything by string, so the descriptor itself imports nothing more; txaio
loads it only when the framework is about to be used (selection, a virtual clock).
"""

from __future__ import annotations

from txaio.backend import Framework
from txaio.tx._requires import DISTRIBUTION

FRAMEWORK = Framework(
    "twisted",
    "txaio.tx",
    DISTRIBUTION,
    log_sink="txaio.tx._logging:TWISTED_BACKEND",
    virtual_clock="txaio.tx._virtual_clock:TwistedVirtualClock",
)
