"""The one descriptor of the asyncio framework, registered as entry point ``txaio.frameworks: asyncio``.

It names everything by string, so the descriptor itself imports nothing more; txaio
loads it only when the framework is about to be used (selection, a virtual clock).
"""

from __future__ import annotations

from txaio.aio._requires import DISTRIBUTION
from txaio.backend import Framework

FRAMEWORK = Framework(
    "asyncio",
    "txaio.aio",
    DISTRIBUTION,
    log_sink="txaio.aio._logging:STDLIB_BACKEND",
    virtual_clock="txaio.aio._virtual_clock:AsyncioVirtualClock",
)
