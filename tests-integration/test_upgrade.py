"""Upgrading txaio 26.6.1 (from the registry) in place to this repository's meta-package.

uv removes the old distribution before it installs the new ones, so the
upgrade just works. pip installs the new txaio-* parts first and then deletes
every path in 26.6.1's RECORD, which includes ``txaio/__init__.py``,
``txaio/aio.py`` and ``txaio/tx.py`` that the parts had just written. No file
layout avoids that without worse costs (see the README, "Upgrading from txaio
26.6.1 with pip"); instead ``import txaio`` then fails at once with an
ImportError that names the one repair command, and these tests run it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from matrix import Venv, must, pinned, run

OLD_RELEASE = "txaio==26.6.1"
REPAIR_MARKER = "Repair by reinstalling those distributions: "

CHECK_UPGRADED = """
import json
import txaio
txaio.use_{framework}()
import autobahn
from autobahn.{framework}.websocket import WebSocketClientProtocol
print(json.dumps({{"version": txaio.__version__, "using": txaio.using_{framework}}}))
"""


def old_install(tmp_path: Path, framework: str, *, with_pip: bool) -> Venv:
    """A venv as a user has it today: txaio 26.6.1 and Autobahn, from the registry."""
    venv = Venv.create(tmp_path / "venv", with_pip=with_pip)
    autobahn = "autobahn[twisted]" if framework == "twisted" else "autobahn"
    venv.install(OLD_RELEASE, autobahn)
    assert venv.distributions()["txaio"] == "26.6.1"
    return venv


def meta_requirement(wheels: dict[str, Path], framework: str) -> str:
    return pinned(wheels, "txaio", "[twisted]" if framework == "twisted" else "")


def assert_upgraded(venv: Venv, wheels: dict[str, Path], framework: str) -> None:
    """txaio selects the framework, Autobahn imports, and no part lost a file."""
    report = venv.json_of(CHECK_UPGRADED.format(framework=framework))
    assert report == {"version": pinned(wheels, "txaio").split("==")[1], "using": True}
    installed = venv.distributions()
    for dist in installed:
        if dist.startswith("txaio-"):
            assert venv.missing_files(dist) == [], f"{dist} lost files"


@pytest.mark.parametrize("framework", ["asyncio", "twisted"])
def test_uv_upgrades_txaio_26_6_1_in_place(framework: str, wheels: dict[str, Path], tmp_path: Path) -> None:
    venv = old_install(tmp_path, framework, with_pip=False)
    venv.install(meta_requirement(wheels, framework), wheels=wheels)
    assert_upgraded(venv, wheels, framework)


@pytest.mark.parametrize("framework", ["asyncio", "twisted"])
def test_pip_upgrade_from_txaio_26_6_1_fails_loudly_and_one_command_repairs_it(
    framework: str, wheels: dict[str, Path], tmp_path: Path
) -> None:
    venv = old_install(tmp_path, framework, with_pip=True)
    find_links = ("--find-links", str(wheels["txaio"].parent))
    must(venv.pip("install", *find_links, meta_requirement(wheels, framework)))

    broken = venv.python_code("import txaio")
    if broken.returncode == 0:
        # A pip that removes the old distribution first needs no repair.
        assert_upgraded(venv, wheels, framework)
        return
    assert "ImportError: txaio is damaged: txaio/__init__.py is missing." in broken.stderr
    assert REPAIR_MARKER in broken.stderr
    command = broken.stderr.split(REPAIR_MARKER, 1)[1].strip().splitlines()[0].split()
    assert command[:5] == [str(venv.python), "-m", "pip", "install", "--force-reinstall"]
    damaged = {requirement.split("==")[0] for requirement in command[6:]}
    expected = {"txaio-core", "txaio-asyncio"} | ({"txaio-twisted"} if framework == "twisted" else set())
    assert damaged == expected

    print("pip left txaio damaged; repair:", " ".join(command))
    # The user's registry has the parts; here they come from the folder of built wheels.
    must(run(*command, *find_links, cwd=venv.path))
    assert_upgraded(venv, wheels, framework)


def test_the_readme_repair_command_repairs_a_pip_upgrade(wheels: dict[str, Path], tmp_path: Path) -> None:
    venv = old_install(tmp_path, "asyncio", with_pip=True)
    find_links = ("--find-links", str(wheels["txaio"].parent))
    must(venv.pip("install", *find_links, meta_requirement(wheels, "asyncio")))
    # README: python -m pip install --force-reinstall txaio
    must(venv.pip("install", "--force-reinstall", *find_links, meta_requirement(wheels, "asyncio")))
    assert_upgraded(venv, wheels, "asyncio")
