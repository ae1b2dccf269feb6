"""``import txaio.with_asyncio`` selects asyncio and offers the API from this module.

So ``from txaio.with_asyncio import create_future`` works without a separate
``txaio.use_asyncio()`` call.
"""

from __future__ import annotations

import txaio

txaio.use_asyncio()

from txaio.aio import *  # noqa: F403
from txaio.aio import __all__
