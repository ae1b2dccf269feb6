"""Each backend's range on txaio-core is stated once: the generated modules follow the pyproject files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.core_ranges import ROOT, core_range, expected, render


def test_the_generated_ranges_match_the_pyproject_files() -> None:
    stale = [str(path.relative_to(ROOT)) for path, text in expected().items() if path.read_text("utf-8") != text]
    assert not stale, f"stale, rerun `python tools/core_ranges.py`: {stale}"


def test_a_changed_range_makes_the_module_stale(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["txaio-log>=1", "txaio-core >=1.4, <3"]\n', encoding="utf-8")

    assert core_range(pyproject) == ("1.4", "3")
    assert render("txaio-x", *core_range(pyproject)) != render("txaio-x", "1.0", "2")


@pytest.mark.parametrize(
    "dependencies",
    [[], ["txaio-core>=1.0"], ["txaio-core~=1.0"], ["txaio-core>=1.0,<2", "txaio-core<3"]],
)
def test_a_range_the_generator_cannot_copy_is_refused(tmp_path: Path, dependencies: list[str]) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[project]\ndependencies = {dependencies!r}\n".replace("'", '"'), encoding="utf-8")

    with pytest.raises(ValueError, match="txaio-core"):
        core_range(pyproject)
