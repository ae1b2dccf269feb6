# A partial stub package (PEP 561): what type checkers read for ``txaio`` itself,
# the same names as ``txaio/__init__.py``; every submodule comes from the package.
# txaio 26.6.1 never shipped this path, so it survives pip's upgrade that deletes
# ``txaio/__init__.py`` and ``txaio/py.typed``, and checkers still see the typed
# facade. A test keeps its imports identical to those of ``txaio/__init__.py``.

from txaio._core.facade import *  # noqa: F403
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
