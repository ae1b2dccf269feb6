"""Which reactor an operation uses: the configured one, else the global reactor.

``twisted.internet.reactor`` installs the default reactor as a side effect of
being imported, so it is imported at the first call that needs a reactor and
never at import time: an application can still install its own reactor after
importing txaio.  Only IReactorTime is used (``callLater``, ``seconds``), so a
``twisted.internet.task.Clock`` works as a loop.
"""

from __future__ import annotations

from typing import Any

import txaio
from txaio.backend import Config

#: txaio's one global configuration (never replaced, so holding it is safe).
GLOBAL_CONFIG: Config = txaio.config

_global_reactor: Any = None


def global_reactor() -> Any:
    """Twisted's global reactor, imported (and so installed) on the first call only."""
    global _global_reactor
    if _global_reactor is None:
        from twisted.internet import reactor

        _global_reactor = reactor
    return _global_reactor


def reactor_of(config: Config) -> Any:
    """The reactor for ``config``: its loop, else ``txaio.config.loop`` if a reactor, else the global one."""
    loop = config.loop
    if loop is None:
        loop = GLOBAL_CONFIG.loop
        if loop is None or not hasattr(loop, "callLater"):
            # None, or an asyncio loop that an application on asyncio set there while a
            # library keeps its own Twisted API object (both frameworks in one process)
            loop = global_reactor()
    return loop
