"""Every distribution builds a wheel, and no two wheels ship the same file."""

from __future__ import annotations

import zipfile
from collections import defaultdict
from pathlib import Path

from conftest import DISTRIBUTIONS


def shipped_files(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return [name for name in archive.namelist() if ".dist-info/" not in name]


def test_all_six_wheels_build(wheels: dict[str, Path]) -> None:
    assert sorted(wheels) == sorted(DISTRIBUTIONS)


def test_no_file_path_is_shipped_by_two_wheels(wheels: dict[str, Path]) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for dist, wheel in wheels.items():
        for name in shipped_files(wheel):
            owners[name].append(dist)
    shared = {name: dists for name, dists in owners.items() if len(dists) > 1}
    assert shared == {}


def test_only_txaio_core_ships_the_package_init(wheels: dict[str, Path]) -> None:
    owners = [dist for dist, wheel in wheels.items() if "txaio/__init__.py" in shipped_files(wheel)]
    assert owners == ["txaio-core"]


def test_the_meta_package_ships_no_modules(wheels: dict[str, Path]) -> None:
    assert shipped_files(wheels["txaio"]) == []


def test_only_two_paths_of_txaio_26_6_1_are_shipped_again(wheels: dict[str, Path]) -> None:
    """pip's upgrade from 26.6.1 deletes these paths last: only two harmless ones may be ours."""
    listed = Path(__file__).with_name("txaio-26.6.1-files.txt").read_text().split("\n")
    old_paths = {line for line in listed if line and not line.startswith("#")}
    shipped_again = {name: dist for dist, wheel in wheels.items() for name in shipped_files(wheel) if name in old_paths}
    assert shipped_again == {"txaio/__init__.py": "txaio-core", "txaio/py.typed": "txaio-core"}


def test_each_version_file_sits_in_its_owners_folder(wheels: dict[str, Path]) -> None:
    folders = {
        "txaio-core": "txaio/_core/",
        "txaio-log": "txaio/log/",
        "txaio-asyncio": "txaio/aio/",
        "txaio-twisted": "txaio/tx/",
        "txaio-testutil": "txaio/testutil/",
    }
    for dist, folder in folders.items():
        assert f"{folder}_version.py" in shipped_files(wheels[dist]), dist


def test_no_flat_private_modules_in_the_shared_folder(wheels: dict[str, Path]) -> None:
    """Under ``txaio/`` itself only core's ``__init__.py``, ``__main__.py`` and ``py.typed`` are files."""
    flat = sorted(
        name
        for wheel in wheels.values()
        for name in shipped_files(wheel)
        if name.startswith("txaio/") and name.count("/") == 1
    )
    assert set(flat) <= {"txaio/__init__.py", "txaio/__main__.py", "txaio/py.typed"}
