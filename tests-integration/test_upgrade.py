"""Upgrading txaio 26.6.1 (from the registry) in place, with pip and with uv, and going back.

pip installs the new txaio-* parts first and then deletes every path in 26.6.1's
RECORD. Our wheels ship only two of those paths, ``txaio/__init__.py`` and
``txaio/py.typed`` (test_wheels.py); every public module that 26.6.1 had as a
file is a package folder here, which Python prefers to a same-named file. When
``txaio/__init__.py`` is gone, txaio-core's top-level ``txaio.py`` loads the
same facade, so the upgraded install works with no repair step. uv removes the
old distribution first, so nothing is deleted at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PACKAGES
from matrix import (
    BACKENDS,
    TEST_TOOLS,
    Venv,
    build_with_version,
    must,
    pinned,
    run_conformance,
    select_framework,
    wheel_version,
)

OLD_RELEASE = "txaio==26.6.1"
#: The pip that Python 3.11 bundles; the other pip is the latest the registry has.
OLD_PIP = "pip==23.2.1"
#: The only paths of 26.6.1 that a wheel of ours ships too; pip's upgrade deletes them.
DELETED_BY_PIP = {"txaio/__init__.py", "txaio/py.typed"}

CHECK_WORKING = """
import importlib, json
import txaio
txaio.use_{framework}()
# txaio.with_<framework> selects that framework, so only the selected one is imported.
modules = ["txaio.aio", "txaio.interfaces", "txaio.testutil", "txaio.with_{framework}"]
if {framework!r} == "twisted":
    modules.append("txaio.tx")
for name in modules:
    importlib.import_module(name)
import autobahn
from autobahn.{framework}.websocket import WebSocketClientProtocol
print(json.dumps({{"version": txaio.__version__, "using": txaio.using_{framework}, "file": txaio.__file__}}))
"""


def old_install(tmp_path: Path, framework: str, *, pip: str | None) -> Venv:
    """A venv as a user has it today: txaio 26.6.1 and Autobahn from the registry (and ``pip``)."""
    venv = Venv.create(tmp_path / "venv", with_pip=pip is not None)
    autobahn = "autobahn[twisted]" if framework == "twisted" else "autobahn"
    venv.install(OLD_RELEASE, autobahn, *TEST_TOOLS)
    if pip is not None:
        must(venv.pip("install", "--quiet", pip))
    assert venv.distributions()["txaio"] == "26.6.1"
    return venv


def meta_requirement(wheels: dict[str, Path], framework: str) -> str:
    return pinned(wheels, "txaio", "[twisted]" if framework == "twisted" else "")


def pip_install(venv: Venv, wheels: dict[str, Path], *args: str) -> None:
    """``pip install`` with our wheels found by name and held to the versions built here."""
    constraints = venv.path / "txaio-constraints.txt"
    constraints.write_text("".join(f"{pinned(wheels, dist)}\n" for dist in wheels))
    must(venv.pip("install", "--find-links", str(next(iter(wheels.values())).parent), "-c", str(constraints), *args))


def lost_files(venv: Venv) -> dict[str, list[str]]:
    """Recorded files of each txaio-* part that are not on disk."""
    lost = {dist: venv.missing_files(dist) for dist in venv.distributions() if dist.startswith("txaio-")}
    return {dist: files for dist, files in lost.items() if files}


def assert_working(venv: Venv, wheels: dict[str, Path], framework: str, report: Path) -> None:
    """Every public module imports, the framework selects, Autobahn imports, conformance passes."""
    found = venv.json_of(CHECK_WORKING.format(framework=framework))
    assert found["version"] == wheel_version(wheels["txaio"])
    assert found["using"] is True
    frameworks = {"asyncio", framework}
    result = run_conformance(venv, report)
    for name in sorted(BACKENDS):
        passed = result.count(name, "passed")
        assert (passed > 0) == (name in frameworks), f"{name}: {passed} passed\n{result.output}"
        assert result.count(name, "failed") == 0


@pytest.mark.parametrize("framework", ["asyncio", "twisted"])
def test_uv_upgrades_txaio_26_6_1_in_place(framework: str, wheels: dict[str, Path], tmp_path: Path) -> None:
    venv = old_install(tmp_path, framework, pip=None)
    venv.install(meta_requirement(wheels, framework), wheels=wheels)
    assert lost_files(venv) == {}
    assert_working(venv, wheels, framework, tmp_path / "conformance.xml")


@pytest.mark.parametrize("pip", ["pip", OLD_PIP], ids=["latest-pip", "pip-23.2"])
@pytest.mark.parametrize("framework", ["asyncio", "twisted"])
def test_pip_upgrades_txaio_26_6_1_in_place_with_no_repair(
    framework: str, pip: str, wheels: dict[str, Path], tmp_path: Path
) -> None:
    venv = old_install(tmp_path, framework, pip=pip)
    pip_install(venv, wheels, meta_requirement(wheels, framework))
    # pip deleted only the two shared paths, and txaio still works without them.
    assert lost_files(venv) in ({}, {"txaio-core": sorted(DELETED_BY_PIP)})
    assert_working(venv, wheels, framework, tmp_path / "conformance.xml")


def pip_upgraded(tmp_path: Path, wheels: dict[str, Path]) -> Venv:
    venv = old_install(tmp_path, "twisted", pip="pip")
    pip_install(venv, wheels, meta_requirement(wheels, "twisted"))
    assert lost_files(venv) == {"txaio-core": sorted(DELETED_BY_PIP)}
    return venv


def test_after_a_pip_upgrade_removing_txaio_twisted_leaves_asyncio_working(
    wheels: dict[str, Path], tmp_path: Path
) -> None:
    venv = pip_upgraded(tmp_path, wheels)
    must(venv.pip("uninstall", "--yes", "txaio-twisted"))
    asyncio = select_framework(venv, "asyncio")
    assert asyncio["error"] is None and asyncio["using_asyncio"] is True
    twisted = select_framework(venv, "twisted")
    assert "pip install txaio-twisted" in str(twisted["error"])
    assert_working(venv, wheels, "asyncio", tmp_path / "conformance.xml")


def test_after_a_pip_upgrade_reinstalling_txaio_core_restores_its_files(
    wheels: dict[str, Path], tmp_path: Path
) -> None:
    venv = pip_upgraded(tmp_path, wheels)
    pip_install(venv, wheels, "--force-reinstall", "--no-deps", pinned(wheels, "txaio-core"))
    assert lost_files(venv) == {}
    assert venv.json_of("import json, txaio; print(json.dumps(txaio.__file__))").endswith("__init__.py")
    assert_working(venv, wheels, "twisted", tmp_path / "conformance.xml")


def test_after_a_pip_upgrade_the_next_txaio_core_release_restores_its_files(
    wheels: dict[str, Path], tmp_path: Path
) -> None:
    venv = pip_upgraded(tmp_path, wheels)
    major, minor, patch = (int(part) for part in wheel_version(wheels["txaio-core"]).split("."))
    following = f"{major}.{minor}.{patch + 1}"
    core = build_with_version(
        PACKAGES / "txaio-core",
        "src/txaio/_core/_version.py",
        following,
        tmp_path / "next-core",
    )
    must(venv.pip("install", "--no-index", "--no-deps", str(core)))
    assert venv.distributions()["txaio-core"] == following
    assert lost_files(venv) == {}
    assert_working(venv, wheels, "twisted", tmp_path / "conformance.xml")


@pytest.mark.parametrize("tool", ["uv", "pip"])
def test_the_readme_downgrade_to_26_6_1_works(tool: str, wheels: dict[str, Path], tmp_path: Path) -> None:
    venv = Venv.create(tmp_path / "venv", with_pip=tool == "pip")
    venv.install(meta_requirement(wheels, "twisted"), "autobahn[twisted]", wheels=wheels)
    parts = ["txaio", "txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil"]
    # README: uninstall the parts, then install 26.6.1.
    if tool == "pip":
        must(venv.pip("uninstall", "--yes", *parts))
        must(venv.pip("install", OLD_RELEASE))
    else:
        venv.uninstall(*parts)
        venv.install(OLD_RELEASE)
    installed = venv.distributions()
    assert installed["txaio"] == "26.6.1"
    assert not any(dist.startswith("txaio-") for dist in installed)
    for framework in ("asyncio", "twisted"):
        found = venv.json_of(
            f"import json, txaio; txaio.use_{framework}(); import autobahn.{framework}.websocket; "
            "f = txaio.create_future(); txaio.resolve(f, 7); "
            f"print(json.dumps([txaio.__version__, txaio.using_{framework}]))"
        )
        assert found == ["26.6.1", True]
