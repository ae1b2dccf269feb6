"""txaio: one API for code that runs on asyncio or on Twisted.

Select a framework once (``txaio.use_asyncio()`` or ``txaio.use_twisted()``),
then call ``txaio.create_future()``, ``txaio.add_callbacks()`` and the rest.
The names are declared, with their types, in ``txaio._core.facade``.
"""

__path__ = __import__("pkgutil").extend_path(__path__, __name__)

from txaio._core.facade import *  # noqa: F403 - the names are declared, typed, in the facade
from txaio._core.facade import (
    Future as Future,
)
from txaio._core.facade import (
    IBatchedTimer as IBatchedTimer,
)
from txaio._core.facade import (
    __all__ as __all__,
)
from txaio._core.facade import (
    __version__ as __version__,
)
from txaio._core.facade import (
    _explicit_framework as _explicit_framework,
)
from txaio._core.facade import (
    _unframework as _unframework,
)
from txaio._core.facade import (
    _use_framework as _use_framework,
)
from txaio._core.facade import (
    version as version,
)
