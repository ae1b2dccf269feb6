"""Each backend's descriptor is registered once, and core's built-in table points at the same place."""

from __future__ import annotations

import tomllib

from tools.boundaries import ROOT
from txaio._core.selection import BUILTIN_FRAMEWORKS, ENTRY_POINT_GROUP


def registered() -> dict[str, tuple[str, str]]:
    """Every ``txaio.frameworks`` entry point in the repository: name -> (distribution, reference)."""
    found: dict[str, tuple[str, str]] = {}
    for pyproject in sorted((ROOT / "packages").glob("*/pyproject.toml")):
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        for name, reference in project.get("entry-points", {}).get(ENTRY_POINT_GROUP, {}).items():
            assert name not in found, f"framework {name!r} is registered twice"
            found[name] = (project["name"], reference)
    return found


def test_the_built_in_table_matches_the_entry_points() -> None:
    assert registered() == BUILTIN_FRAMEWORKS


def test_each_descriptor_says_what_its_entry_point_says() -> None:
    import importlib

    for name, (distribution, reference) in BUILTIN_FRAMEWORKS.items():
        module, _, attribute = reference.partition(":")
        framework = getattr(importlib.import_module(module), attribute)
        assert (framework.name, framework.distribution) == (name, distribution)
