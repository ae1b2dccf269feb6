"""``txaio.__version__``: the meta-package's version when installed, else core's."""

from __future__ import annotations

from pathlib import Path

import txaio
from txaio._core._version import __version__ as core_version
from txaio._core._version import installed_version


def make_site(tmp_path: Path, *dist_infos: str) -> list[str]:
    package = tmp_path / "txaio"
    package.mkdir()
    for name in dist_infos:
        (tmp_path / name).mkdir()
    return [str(package)]


def test_the_meta_package_version_wins_when_installed(tmp_path: Path) -> None:
    path = make_site(tmp_path, "txaio_core-1.0.0.dist-info", "txaio-26.11.1.dist-info")
    assert installed_version(path) == "26.11.1"


def test_parts_alone_give_core_version(tmp_path: Path) -> None:
    path = make_site(tmp_path, "txaio_core-1.0.0.dist-info", "txaio_asyncio-1.0.0.dist-info")
    assert installed_version(path) == core_version


def test_unreadable_folders_are_skipped(tmp_path: Path) -> None:
    assert installed_version([str(tmp_path / "gone" / "txaio")]) == core_version


def test_the_facade_exposes_both_names() -> None:
    assert txaio.version == txaio.__version__
    assert txaio.__version__[:1].isdigit()


def test_the_facade_has_no_module_getattr() -> None:
    # A module-level __getattr__ stops CPython 3.11+ from specializing
    # ``txaio.name`` lookups, which every call through the facade pays for.
    assert "__getattr__" not in vars(txaio)
