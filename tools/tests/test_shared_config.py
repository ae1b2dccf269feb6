"""The towncrier and pytest settings copied into each distribution's pyproject.toml stay identical.

Each distribution is built, tested and released from its own folder, so each carries its own
copy; this test keeps the copies in step (only towncrier's ``name`` differs: the distribution's).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECTS = sorted((ROOT / "packages").glob("*/pyproject.toml"))

# The tables every distribution carries a copy of; towncrier's `name` is the only key that differs.
SHARED = {"pytest": ("tool", "pytest", "ini_options"), "towncrier": ("tool", "towncrier")}


def table(pyproject: Path, keys: tuple[str, ...]) -> dict[str, Any]:
    data: Any = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    for key in keys:
        data = data.get(key, {})
    assert isinstance(data, dict)
    return data


def name_of(pyproject: Path) -> str:
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["name"])


def test_every_distribution_is_compared() -> None:
    assert [path.parent.name for path in PYPROJECTS] == [
        "txaio",
        "txaio-asyncio",
        "txaio-core",
        "txaio-log",
        "txaio-testutil",
        "txaio-twisted",
    ]


@pytest.mark.parametrize("section", sorted(SHARED))
def test_the_shared_tables_are_identical(section: str) -> None:
    reference = PYPROJECTS[0]
    expected = table(reference, SHARED[section])
    expected.pop("name", None)
    assert expected, f"{reference.relative_to(ROOT)} has no [{'.'.join(SHARED[section])}]"
    for pyproject in PYPROJECTS[1:]:
        found = table(pyproject, SHARED[section])
        found.pop("name", None)
        assert found == expected, (
            f"[{'.'.join(SHARED[section])}] of {pyproject.relative_to(ROOT)} differs from "
            f"{reference.relative_to(ROOT)}'s: change all six together"
        )


def test_towncrier_names_its_own_distribution() -> None:
    for pyproject in PYPROJECTS:
        assert table(pyproject, SHARED["towncrier"]).get("name") == name_of(pyproject), pyproject


def test_the_pytest_settings_are_strict() -> None:
    settings = table(PYPROJECTS[0], SHARED["pytest"])
    assert {"--strict-markers", "--strict-config"} <= set(settings["addopts"])
    assert settings["xfail_strict"] is True
    assert settings["filterwarnings"][0] == "error"
