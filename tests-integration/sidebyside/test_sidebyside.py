"""Side by side: txaio 26.6.1 from the registry against this repository's txaio[twisted].

The same scenarios (``sidebyside_scenarios.py``) run in two fresh venvs; their
observations must agree except for the intended differences documented in
``sidebyside_differences.py`` (and, as a table, in ``packages/txaio/README.md``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sidebyside_compare import compatible, mismatches, observe_all, signature_compatible  # noqa: E402
from sidebyside_differences import CHANGES, END, INTENDED, START, Difference, markdown_table, update_readme  # noqa: E402
from sidebyside_scenarios import MODES  # noqa: E402

ROOT = HERE.parent.parent
META_README = ROOT / "packages" / "txaio" / "README.md"
META_VERSION_FILE = ROOT / "packages" / "txaio" / "_txaio_meta_version.py"
REFERENCE = "txaio==26.6.1"

Observations = dict[str, dict[str, Any]]


def make_venv(path: Path, *requirements: str, find_links: Path | None = None) -> Path:
    """A fresh venv at ``path`` with ``requirements`` installed by uv; its python."""
    uv = [sys.executable, "-m", "uv"]
    subprocess.run([*uv, "venv", "--quiet", "--python", sys.executable, str(path)], check=True)
    python = path / "bin" / "python"
    extra = ["--find-links", str(find_links)] if find_links else []
    subprocess.run([*uv, "pip", "install", "--quiet", "--python", str(python), *extra, *requirements], check=True)
    return python


def meta_version() -> str:
    namespace: dict[str, Any] = {}
    exec(META_VERSION_FILE.read_text(), namespace)
    return str(namespace["__version__"])


@pytest.fixture(scope="session")
def theirs(tmp_path_factory: pytest.TempPathFactory) -> Observations:
    """Every mode observed under txaio 26.6.1 (with Twisted) from the registry."""
    where = tmp_path_factory.mktemp("sidebyside-26.6.1")
    python = make_venv(where / "venv", REFERENCE, "twisted")
    return observe_all(python, where)


@pytest.fixture(scope="session")
def ours_python(tmp_path_factory: pytest.TempPathFactory, wheels: dict[str, Path]) -> Path:
    """A venv with this repository's ``txaio[twisted]``, installed by name from the built wheels."""
    where = tmp_path_factory.mktemp("sidebyside-ours")
    wheel_dir = wheels["txaio"].parent
    return make_venv(where / "venv", f"txaio[twisted]=={meta_version()}", find_links=wheel_dir)


@pytest.fixture(scope="session")
def ours(ours_python: Path) -> Observations:
    """Every mode observed under this repository's ``txaio[twisted]``."""
    return observe_all(ours_python, ours_python.parent.parent.parent)


@pytest.mark.parametrize("mode", MODES)
def test_ours_matches_26_6_1_except_documented_differences(mode: str, theirs: Observations, ours: Observations) -> None:
    problems = mismatches({mode: theirs[mode]}, {mode: ours[mode]})
    assert problems == [], "undocumented differences from 26.6.1:\n" + "\n".join(problems)


def test_no_scenario_crashed(theirs: Observations, ours: Observations) -> None:
    crashed = [
        f"{side}/{mode}/{name}"
        for side, observations in (("26.6.1", theirs), ("ours", ours))
        for mode, scenarios in observations.items()
        for name, observed in scenarios.items()
        if isinstance(observed, dict) and "scenario crashed" in observed
    ]
    assert crashed == []


def test_the_meta_readme_carries_the_table_of_intended_differences() -> None:
    assert markdown_table() in META_README.read_text()


def test_update_readme_replaces_only_the_table(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{START}old table\n{END}outro\n")
    update_readme(readme)
    assert readme.read_text() == f"intro\n{START}{markdown_table()}{END}outro\n"


def test_update_readme_without_markers_refuses_and_changes_nothing(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("no markers\n")
    with pytest.raises(ValueError, match="lacks the markers"):
        update_readme(readme)
    assert readme.read_text() == "no markers\n"


def test_every_change_has_a_reason_and_an_observation() -> None:
    assert all(change.reason and change.observations for change in CHANGES)


# The comparison itself: each rule must be able to fail.


def test_an_undocumented_difference_is_reported() -> None:
    theirs = {"asyncio": {"s": {"f": 1}}}
    assert mismatches(theirs, {"asyncio": {"s": {"f": 2}}}, {}) == ["asyncio/s/f: 26.6.1=1 ours=2"]


def test_a_documented_difference_is_accepted_only_as_documented() -> None:
    documented = {"asyncio/s/f": Difference("asyncio/s/f", 1, 2, "why")}
    theirs = {"asyncio": {"s": {"f": 1}}}
    assert mismatches(theirs, {"asyncio": {"s": {"f": 2}}}, documented) == []
    assert len(mismatches(theirs, {"asyncio": {"s": {"f": 3}}}, documented)) == 1
    assert len(mismatches(theirs, {"asyncio": {"s": {"f": 1}}}, documented)) == 1


def test_a_missing_list_may_shrink_but_not_grow() -> None:
    theirs = {"asyncio": {"s": {"missing_things": ["a", "b"]}}}
    assert mismatches(theirs, {"asyncio": {"s": {"missing_things": ["a"]}}}, {}) == []
    assert len(mismatches(theirs, {"asyncio": {"s": {"missing_things": ["a", "c"]}}}, {})) == 1


def test_a_scenario_missing_on_one_side_is_reported() -> None:
    assert len(mismatches({"twisted": {"s": 1}}, {"twisted": {}}, {})) == 1


def test_signatures_must_keep_names_kinds_and_literal_defaults() -> None:
    theirs = [["future", "POSITIONAL_OR_KEYWORD", "<required>"], ["msg", "POSITIONAL_OR_KEYWORD", None]]
    assert signature_compatible(theirs, theirs)
    renamed = [["self", "POSITIONAL_ONLY", "<required>"], ["msg", "POSITIONAL_OR_KEYWORD", None]]
    assert not signature_compatible(theirs, renamed)
    other_default = [theirs[0], ["msg", "POSITIONAL_OR_KEYWORD", "x"]]
    assert not signature_compatible(theirs, other_default)
    extra_optional = [*theirs, ["extra", "KEYWORD_ONLY", None]]
    assert signature_compatible(theirs, extra_optional)
    extra_required = [*theirs, ["extra", "KEYWORD_ONLY", "<required>"]]
    assert not signature_compatible(theirs, extra_required)


def test_a_subclass_of_the_old_error_is_compatible_and_another_error_is_not() -> None:
    assert compatible("raised:RuntimeError", "raised:LogLevelError(ValueError,RuntimeError,Exception,BaseException)")
    assert not compatible("raised:RuntimeError", "raised:TypeError")


def test_each_documented_key_is_one_difference() -> None:
    assert all(isinstance(difference, Difference) for difference in INTENDED.values())
    assert all(difference.theirs != difference.ours for difference in INTENDED.values())


def test_the_examples_run_on_the_installed_meta_package(ours_python: Path) -> None:
    """examples/demo.py under the wheel install: each example on each of its frameworks."""
    completed = subprocess.run(
        [str(ours_python), str(ROOT / "examples" / "demo.py")], capture_output=True, text=True, check=False, timeout=600
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "demo: all" in completed.stdout
