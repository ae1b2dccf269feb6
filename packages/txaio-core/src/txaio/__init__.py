"""txaio: one API for code that runs on asyncio or on Twisted.

Select a framework once (``txaio.use_asyncio()`` or ``txaio.use_twisted()``),
then call ``txaio.create_future()``, ``txaio.add_callbacks()`` and the rest.
The names are declared, with their types, in ``txaio._core.facade``.
"""


def _portions(path: list[str]) -> list[str]:
    """``path`` and the ``txaio`` folder of every other sys.path entry that has one.

    Editable installs of several parts (this repository's ``src/`` folders) put one
    ``txaio`` folder on sys.path per part; an install shares one.  What
    ``pkgutil.extend_path`` does for folders, without importing pkgutil (half a
    millisecond of every ``import txaio``); a sys.path entry that is an archive (a zip)
    is left to pkgutil, which looks inside it.
    """
    import os
    import sys

    portions, archives = list(path), False
    for entry in list[object](sys.path):
        if isinstance(entry, str):
            folder = os.path.join(entry or os.curdir, __name__)
            if os.path.isdir(folder):
                portions += [] if folder in portions else [folder]
            else:
                archives = archives or os.path.isfile(entry)
    if archives:
        from pkgutil import extend_path

        portions = extend_path(portions, __name__)
    return portions


__path__ = _portions(__path__)
del _portions

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
