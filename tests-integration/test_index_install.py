"""Installing the published parts by name from a real package index, with pip and with uv.

Every part was uploaded by ``release:publish`` from its tag in a throwaway clone to a local
pypiserver that also holds txaio 26.6.1 and the third-party distributions (``published_index``
in conftest.py). The index never falls back to the public one, and the installers see no
other source, so whatever installs came from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DISTRIBUTIONS, ROOT
from from_index import TOOLS, IndexVenv, txaio_parts
from matrix import BACKENDS, must, run_conformance, select_framework
from test_upgrade import CHECK_WORKING, DELETED_BY_PIP, OLD_RELEASE, lost_files

from tools.index_server import IndexServer

SLIM = {"txaio-core", "txaio-log", "txaio-asyncio"}


def assert_conformance_on(venv: IndexVenv, frameworks: set[str], report: Path) -> None:
    result = run_conformance(venv.venv, report)
    for framework in sorted(BACKENDS):
        passed = result.count(framework, "passed")
        assert (passed > 0) == (framework in frameworks), f"{framework}: {passed} passed\n{result.output}"
        assert result.count(framework, "failed") == 0


@pytest.mark.parametrize("tool", TOOLS)
def test_txaio_asyncio_alone_brings_core_and_log_and_no_twisted(
    tool: str, published_index: IndexServer, published_versions: dict[str, str], tmp_path: Path
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", published_index.simple_url)

    must(venv.install(tool, "txaio-asyncio"))

    assert venv.installed() == {dist: published_versions[dist] for dist in SLIM}  # no Twisted, no zope.interface
    assert select_framework(venv.venv, "asyncio")["error"] is None
    twisted = select_framework(venv.venv, "twisted")
    assert "pip install txaio-twisted" in str(twisted["error"])
    assert twisted["twisted_imported"] is False


@pytest.mark.parametrize("tool", TOOLS)
def test_txaio_twisted_extra_installs_every_part_and_passes_conformance(
    tool: str, published_index: IndexServer, published_versions: dict[str, str], tmp_path: Path
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", published_index.simple_url)

    must(venv.install(tool, "txaio[twisted]"))

    assert txaio_parts(venv.installed()) == published_versions
    assert {"twisted", "zope-interface"} <= set(venv.installed())
    must(venv.install(tool, "pytest"))
    assert_conformance_on(venv, set(BACKENDS), tmp_path / "conformance.xml")


@pytest.mark.parametrize("tool", TOOLS)
def test_upgrading_txaio_26_6_1_with_autobahn_works_with_no_repair(
    tool: str, published_index: IndexServer, published_versions: dict[str, str], tmp_path: Path
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", published_index.simple_url)
    must(venv.install(tool, OLD_RELEASE, "autobahn[twisted]", "pytest"))
    assert venv.installed()["txaio"] == "26.6.1"

    must(venv.install(tool, "-U", "txaio[twisted]"))

    assert txaio_parts(venv.installed()) == published_versions
    # pip deletes 26.6.1's files after installing ours: only the two paths both ship go
    assert lost_files(venv.venv) == ({"txaio-core": sorted(DELETED_BY_PIP)} if tool == "pip" else {})
    for framework in sorted(BACKENDS):
        found = venv.venv.json_of(CHECK_WORKING.format(framework=framework))
        assert found["version"] == published_versions["txaio"]
        assert found["using"] is True
    assert_conformance_on(venv, set(BACKENDS), tmp_path / "conformance.xml")


def no_binary(tool: str) -> list[str]:
    """The options that make ``tool`` build every txaio part from its sdist."""
    if tool == "pip":
        return ["--no-binary", ",".join(DISTRIBUTIONS)]
    return [option for dist in DISTRIBUTIONS for option in ("--no-binary", dist)]


@pytest.mark.parametrize("tool", TOOLS)
def test_installing_from_the_sdists_gives_the_same_install_licence_included(
    tool: str, published_index: IndexServer, published_versions: dict[str, str], tmp_path: Path
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", published_index.simple_url)

    done = venv.install(tool, *no_binary(tool), "txaio[twisted]", "-v")
    must(done)
    output = done.stdout + done.stderr

    assert txaio_parts(venv.installed()) == published_versions
    for dist in DISTRIBUTIONS:  # each was built here, from the sdist the index served
        sdist = f"{dist.replace('-', '_')}-{published_versions[dist]}.tar.gz"
        assert sdist in output, f"{sdist} was not used:\n{output}"
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    shipped = venv.venv.json_of(
        "import json, importlib.metadata as m\n"
        f"names = {list(DISTRIBUTIONS)!r}\n"
        "files = {n: [f for f in m.distribution(n).files if f.name == 'LICENSE'] for n in names}\n"
        "print(json.dumps({n: [f.read_text() for f in fs] for n, fs in files.items()}))"
    )
    assert shipped == {dist: [licence] for dist in DISTRIBUTIONS}
    for framework in sorted(BACKENDS):
        assert select_framework(venv.venv, framework)["error"] is None
