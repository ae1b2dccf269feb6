"""The version of the txaio-core distribution, and the checks that use it.

The ``__version__`` line is what the build and the release tooling read and rewrite (one
version file per distribution).  Beside it, in the same module because ``import txaio``
needs both and each module costs start-up time: ``txaio.__version__`` (the meta-package's
version when it is installed, else core's), found by looking for the
``txaio-<version>.dist-info`` folder beside the package instead of through
importlib.metadata, which would add tens of milliseconds to ``import txaio``; and the
check that lets a backend refuse a txaio-core it was not built for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

__version__ = "1.0.0"

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
    return __version__


def parse_version(text: str) -> tuple[int, ...]:
    """The leading numeric parts of a version string: ``"1.2.3rc1"`` -> ``(1, 2, 3)``."""
    parts: list[int] = []
    for piece in text.split("."):
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) != len(piece):
            break
    return tuple(parts)


def require_core(dist: str, minimum: str, below: str, *, installed: str = __version__) -> None:
    """Raise ImportError unless the installed txaio-core is in ``[minimum, below)``.

    A backend calls this at import with the range it was built against, so a
    mismatched install fails with a message that says how to repair it,
    instead of failing later on a missing attribute.
    """
    have = parse_version(installed)
    if parse_version(minimum) <= have < parse_version(below):
        return
    raise ImportError(
        f"{dist} needs txaio-core>={minimum},<{below}, but txaio-core {installed} is installed; "
        f"install versions that fit: pip install --upgrade {dist} 'txaio-core>={minimum},<{below}'"
    )
