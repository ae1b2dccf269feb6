"""Each combination of distributions, installed by name into its own fresh venv.

In each: exactly the expected distributions are installed (no Twisted and no
zope.interface unless txaio-twisted is), selecting a framework that is absent
raises the ImportError naming what to install and selects nothing, and the
conformance suite passes on every framework that is present.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from matrix import (
    BACKENDS,
    TEST_TOOLS,
    Venv,
    conformance_tests_exist,
    expected_parts,
    pinned,
    run_conformance,
    select_framework,
)

TWISTED_DISTRIBUTIONS = {"twisted", "zope-interface"}


@dataclass(frozen=True)
class Combination:
    """What one venv gets installed, by name."""

    requirements: tuple[str, ...]

    @property
    def id(self) -> str:
        return "+".join(self.requirements)

    @property
    def parts(self) -> set[str]:
        return expected_parts(self.requirements)

    @property
    def frameworks(self) -> set[str]:
        return {name for name, dist in BACKENDS.items() if dist in self.parts}


BASES = [
    ("txaio-core",),
    ("txaio-core", "txaio-log"),
    ("txaio-asyncio",),
    ("txaio-twisted",),
    ("txaio-asyncio", "txaio-twisted"),
]
COMBINATIONS = (
    [Combination(base) for base in BASES]
    + [Combination((*base, "txaio-testutil")) for base in BASES]
    + [Combination(("txaio",)), Combination(("txaio[twisted]",))]
)


WITH_ABSENT = [combination for combination in COMBINATIONS if set(BACKENDS) - combination.frameworks]
WITH_PRESENT = [combination for combination in COMBINATIONS if combination.frameworks]


def ids(combination: Combination) -> str:
    return combination.id


@dataclass
class Installed:
    """A combination's venv and what importlib.metadata saw right after the install."""

    combination: Combination
    venv: Venv
    distributions: dict[str, str]


_installed: dict[Combination, Installed] = {}


@pytest.fixture
def install(wheels: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Callable[[Combination], Installed]:
    """``install(combination)``: its venv, made on first use and shared by the tests of this module."""

    def get(combination: Combination) -> Installed:
        if combination not in _installed:
            venv = Venv.create(tmp_path_factory.mktemp("combination") / "venv")
            # Without a Twisted backend nothing may come from the registry: our wheels must be enough.
            venv.install(*combination.requirements, wheels=wheels, offline="twisted" not in combination.frameworks)
            _installed[combination] = Installed(combination, venv, venv.distributions())
        return _installed[combination]

    return get


@pytest.mark.parametrize("combination", COMBINATIONS, ids=ids)
def test_exactly_the_expected_distributions_are_installed(
    combination: Combination, install: Callable[[Combination], Installed]
) -> None:
    installed = install(combination)
    ours = {name for name in installed.distributions if name == "txaio" or name.startswith("txaio-")}
    assert ours == installed.combination.parts
    others = set(installed.distributions) - ours
    if "twisted" in installed.combination.frameworks:
        assert others >= TWISTED_DISTRIBUTIONS
    else:
        # txaio-core, -log, -asyncio and -testutil depend on nothing outside txaio.
        assert others == set()


@pytest.mark.parametrize("combination", WITH_ABSENT, ids=ids)
def test_an_absent_framework_is_refused_with_what_to_install(
    combination: Combination, install: Callable[[Combination], Installed]
) -> None:
    installed = install(combination)
    for framework in sorted(set(BACKENDS) - combination.frameworks):
        report = select_framework(installed.venv, framework)
        assert f"pip install {BACKENDS[framework]}" in str(report["error"])
        # The package, never the top-level guard module txaio.py that stands in for a lost __init__.py.
        assert Path(report["facade"]).parts[-2:] == ("txaio", "__init__.py")
        # Nothing half-selected: the facade is as it was before the attempt.
        assert report["explicit"] is None
        assert report["using_asyncio"] is False
        assert report["using_twisted"] is False
        assert report["operations"] == "unselected"


@pytest.mark.parametrize("combination", WITH_PRESENT, ids=ids)
def test_a_present_framework_is_selected(combination: Combination, install: Callable[[Combination], Installed]) -> None:
    installed = install(combination)
    for framework in sorted(combination.frameworks):
        report = select_framework(installed.venv, framework)
        assert report["error"] is None
        assert Path(report["facade"]).parts[-2:] == ("txaio", "__init__.py")
        assert report["explicit"] == framework
        assert report[f"using_{framework}"] is True
        assert report["operations"] == "bound"
        if framework == "asyncio":
            assert report["twisted_imported"] is False, "selecting asyncio imported Twisted"


@pytest.mark.parametrize("combination", WITH_PRESENT, ids=ids)
def test_the_conformance_suite_passes_on_each_present_framework(
    combination: Combination, install: Callable[[Combination], Installed], wheels: dict[str, Path], tmp_path: Path
) -> None:
    installed = install(combination)
    present = combination.frameworks
    if not conformance_tests_exist():
        pytest.skip("tests-integration/conformance has no tests yet")
    # The suite runs through txaio-testutil's pytest plugin: where the combination
    # lacks it, it is added as a test-only tool, after the installed set was taken.
    installed.venv.install(*TEST_TOOLS, pinned(wheels, "txaio-testutil"), wheels=wheels)
    result = run_conformance(installed.venv, tmp_path / "conformance.xml")
    for framework in sorted(present):
        assert result.count(framework, "passed") > 0, f"no conformance test passed on {framework}:\n{result.output}"
    for framework in sorted(set(BACKENDS) - present):
        assert result.count(framework, "passed") == 0, f"{framework} tests ran without {framework}:\n{result.output}"
