"""Uninstalling one distribution leaves the others whole and working, with uv and with pip.

No file path is shipped by two wheels (test_wheels.py), so removing one
distribution cannot take a file of another with it; these tests show the
consequence end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from matrix import (
    BACKENDS,
    TEST_TOOLS,
    Venv,
    conformance_tests_exist,
    must,
    pinned,
    run_conformance,
    select_framework,
    wheel_version,
)

TOOLS = ["uv", "pip"]


def full_install(tmp_path: Path, wheels: dict[str, Path], tool: str) -> Venv:
    """``txaio[twisted]`` plus the conformance suite's tools."""
    venv = Venv.create(tmp_path / "venv", with_pip=tool == "pip")
    venv.install(pinned(wheels, "txaio", "[twisted]"), *TEST_TOOLS, wheels=wheels)
    return venv


def uninstall(venv: Venv, tool: str, dist: str) -> None:
    if tool == "pip":
        must(venv.pip("uninstall", "--yes", dist))
    else:
        venv.uninstall(dist)
    assert dist not in venv.distributions()


def assert_parts_whole(venv: Venv) -> None:
    for dist in venv.distributions():
        if dist.startswith("txaio-"):
            assert venv.missing_files(dist) == [], f"{dist} lost files"


def assert_conformance(venv: Venv, report: Path, present: set[str]) -> None:
    if not conformance_tests_exist():
        return
    result = run_conformance(venv, report)
    for framework in sorted(BACKENDS):
        passed = result.count(framework, "passed")
        assert (passed > 0) == (framework in present), f"{framework}: {passed} passed\n{result.output}"


@pytest.mark.parametrize("tool", TOOLS)
def test_removing_txaio_twisted_leaves_asyncio_working(tool: str, wheels: dict[str, Path], tmp_path: Path) -> None:
    venv = full_install(tmp_path, wheels, tool)
    uninstall(venv, tool, "txaio-twisted")
    assert_parts_whole(venv)
    asyncio = select_framework(venv, "asyncio")
    assert asyncio["error"] is None and asyncio["using_asyncio"] is True
    twisted = select_framework(venv, "twisted")
    assert "pip install txaio-twisted" in str(twisted["error"])
    assert twisted["explicit"] is None
    assert_conformance(venv, tmp_path / "conformance.xml", {"asyncio"})


@pytest.mark.parametrize("tool", TOOLS)
def test_removing_the_meta_package_leaves_the_parts_working(tool: str, wheels: dict[str, Path], tmp_path: Path) -> None:
    venv = full_install(tmp_path, wheels, tool)
    uninstall(venv, tool, "txaio")
    assert_parts_whole(venv)
    for framework in sorted(BACKENDS):
        report = select_framework(venv, framework)
        assert report["error"] is None and report[f"using_{framework}"] is True
    # Without the meta-package, txaio.__version__ is txaio-core's.
    version = venv.json_of("import json, txaio; print(json.dumps(txaio.__version__))")
    assert version == wheel_version(wheels["txaio-core"])
    assert_conformance(venv, tmp_path / "conformance.xml", set(BACKENDS))
