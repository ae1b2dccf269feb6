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
