"""Imported only when ``txaio/__init__.py`` is missing: names the command that repairs txaio.

In a healthy install Python imports the package ``txaio/`` and never this
module (a package directory with ``__init__.py`` wins over a same-named
module).  The one common way to lose ``__init__.py``: pip upgrading txaio
26.6.1 in place installs the split distributions first, then deletes every
path in 26.6.1's file list, which includes ``txaio/__init__.py``,
``txaio/aio.py`` and ``txaio/tx.py`` that the new distributions had just
written.  Without this module ``import txaio`` would then quietly give an
empty namespace package and fail later with a puzzling AttributeError.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

#: The distributions that install modules into the ``txaio`` package.
PARTS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil")


def damaged_parts() -> list[str]:
    """``name==version`` of each installed part whose recorded files are gone."""
    damaged: list[str] = []
    for name in PARTS:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        recorded = [path for path in dist.files or () if path.suffix != ".pyc"]
        if any(not Path(str(dist.locate_file(path))).exists() for path in recorded):
            damaged.append(f"{name}=={dist.version}")
    return damaged


def installed_parts() -> list[str]:
    """``name==version`` of each installed part."""
    found: list[str] = []
    for name in PARTS:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return found


def repair_message() -> str:
    """Why ``import txaio`` failed and the one command that repairs it."""
    parts = damaged_parts() or installed_parts() or ["txaio-core", "txaio-asyncio"]
    python = f'"{sys.executable}"' if " " in sys.executable else sys.executable
    return (
        "txaio is damaged: txaio/__init__.py is missing. pip deletes it (with txaio/aio.py and "
        "txaio/tx.py) when it upgrades txaio 26.6.1 in place, after the new txaio-* distributions "
        "wrote them. Repair by reinstalling those distributions: "
        f"{python} -m pip install --force-reinstall --no-deps {' '.join(parts)}"
    )


raise ImportError(repair_message(), name="txaio")
