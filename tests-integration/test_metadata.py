"""The six pyproject.toml files agree on what they share, and each ships the LICENSE.

The classifiers, keywords, authors and Project-URLs are written out in each
distribution's pyproject.toml; these tests keep the copies in step.  What the
package index makes of them (pyroma, twine, check-wheel-contents) is checked by
``hatch run metadata``.
"""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import DISTRIBUTIONS, PACKAGES, ROOT

BASE_URL = "https://github.com/txaio/txaio"
DOCS_URL = "https://txaio.readthedocs.io/en/latest"

#: The one Framework classifier of each distribution: a backend names its framework, the
#: pytest plugin names pytest, the meta-package names what ``pip install txaio`` runs on
#: (Twisted comes with the extra), and core and log, which import neither, name none.
FRAMEWORK = {
    "txaio-core": [],
    "txaio-log": [],
    "txaio-asyncio": ["Framework :: AsyncIO"],
    "txaio-twisted": ["Framework :: Twisted"],
    "txaio-testutil": ["Framework :: Pytest"],
    "txaio": ["Framework :: AsyncIO"],
}
PYTHONS = ("3.11", "3.12", "3.13", "3.14")


def project(dist: str) -> dict[str, Any]:
    with (PACKAGES / dist / "pyproject.toml").open("rb") as file:
        return dict(tomllib.load(file)["project"])


def shared_classifiers(dist: str) -> set[str]:
    return {c for c in project(dist)["classifiers"] if not c.startswith("Framework ::") and c != "Typing :: Typed"}


def test_the_shared_classifiers_are_the_same_everywhere() -> None:
    reference = shared_classifiers("txaio-core")
    assert "Development Status :: 5 - Production/Stable" in reference
    assert {f"Programming Language :: Python :: {version}" for version in PYTHONS} <= reference
    for dist in DISTRIBUTIONS:
        assert shared_classifiers(dist) == reference, dist


def test_requires_python_matches_the_oldest_python_classifier() -> None:
    for dist in DISTRIBUTIONS:
        assert project(dist)["requires-python"] == f">={PYTHONS[0]}", dist


@pytest.mark.parametrize("dist", DISTRIBUTIONS)
def test_each_distribution_names_its_own_framework_only(dist: str) -> None:
    frameworks = [c for c in project(dist)["classifiers"] if c.startswith("Framework ::")]
    assert frameworks == FRAMEWORK[dist]


@pytest.mark.parametrize("dist", DISTRIBUTIONS)
def test_typed_except_the_meta_package(dist: str) -> None:
    assert ("Typing :: Typed" in project(dist)["classifiers"]) == (dist != "txaio")


@pytest.mark.parametrize("dist", DISTRIBUTIONS)
def test_project_urls_point_at_this_distribution(dist: str) -> None:
    assert project(dist)["urls"] == {
        "Documentation": f"{DOCS_URL}/distributions/{dist}.html",
        "Source": f"{BASE_URL}/tree/main/packages/{dist}",
        "Issues": f"{BASE_URL}/issues",
        "Changelog": f"{BASE_URL}/blob/main/packages/{dist}/CHANGELOG.md",
    }
    # the documentation page the URL names exists in docs/
    assert (ROOT / "docs" / "distributions" / f"{dist}.md").is_file()


def test_authors_licence_and_keywords_agree() -> None:
    reference = project("txaio-core")
    for dist in DISTRIBUTIONS:
        meta = project(dist)
        assert meta["authors"] == reference["authors"], dist
        assert meta["license"] == "MIT", dist
        assert meta["license-files"] == ["LICENSE"], dist
        assert meta["keywords"][:6] == reference["keywords"][:6], dist


@pytest.mark.parametrize("dist", DISTRIBUTIONS)
def test_the_licence_is_the_root_one(dist: str) -> None:
    link = PACKAGES / dist / "LICENSE"
    assert link.is_symlink()
    assert link.resolve() == (ROOT / "LICENSE").resolve()


def test_every_wheel_ships_the_licence(wheels: dict[str, Path]) -> None:
    expected = (ROOT / "LICENSE").read_bytes()
    for dist, wheel in wheels.items():
        with zipfile.ZipFile(wheel) as archive:
            (licence,) = [name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
            assert archive.read(licence) == expected, dist
