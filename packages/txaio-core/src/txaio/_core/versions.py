"""``txaio.__version__``: the meta-package's version when it is installed, else core's.

Found by looking for the ``txaio-<version>.dist-info`` folder beside the
package instead of through importlib.metadata, which would add tens of
milliseconds to ``import txaio``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from txaio._core._version import __version__ as core_version

_PREFIX = "txaio-"
_SUFFIX = ".dist-info"


def installed_version(package_path: Iterable[str]) -> str:
    """The version users mean by "txaio": the ``txaio`` distribution's, if installed."""
    for folder in package_path:
        site = os.path.dirname(os.path.abspath(folder))
        try:
            names = os.listdir(site)
        except OSError:
            continue
        for name in names:
            if name.startswith(_PREFIX) and name.endswith(_SUFFIX):
                candidate = name[len(_PREFIX) : -len(_SUFFIX)]
                if candidate[:1].isdigit():
                    return candidate
    return core_version
