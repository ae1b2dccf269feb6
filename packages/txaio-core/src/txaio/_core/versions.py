"""Versions: ``txaio.__version__``, and the check that lets a backend refuse a txaio-core it was not built for.

``txaio.__version__`` is the meta-package's version when it is installed,
else core's.  It is found by looking for the ``txaio-<version>.dist-info``
folder beside the package instead of through importlib.metadata, which
would add tens of milliseconds to ``import txaio``.
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


def require_core(dist: str, minimum: str, below: str, *, installed: str = core_version) -> None:
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
