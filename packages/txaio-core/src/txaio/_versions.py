"""``txaio.__version__``: the meta-package's version when it is installed, else core's."""

from __future__ import annotations

from importlib import metadata

from txaio._core_version import __version__ as core_version


def installed_version() -> str:
    """The version users mean by "txaio": the ``txaio`` distribution if present."""
    try:
        return metadata.version("txaio")
    except metadata.PackageNotFoundError:
        return core_version
