"""The version ranges the distributions state hold at both ends.

Lower end: every dependency at the lowest version its range allows, and the
conformance suite still passes. Upper end: a txaio-core with the next major
version is refused beside a backend built for the current one, by the resolver
and, should a user force it in, by the backend at import.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from matrix import (
    BACKENDS,
    ROOT,
    TEST_TOOLS,
    Venv,
    build_with_version,
    conformance_tests_exist,
    lower_bound,
    lowest_requirements,
    normalize,
    run_conformance,
    uv,
    wheel_version,
)
from packaging.requirements import Requirement
from packaging.version import Version

NEXT_MAJOR = "2.0.0"


@pytest.fixture(scope="module")
def next_major_core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A txaio-core wheel that says it is version 2.0.0, built from a copy of the package."""
    out = tmp_path_factory.mktemp("core-next-major")
    return build_with_version(ROOT / "packages" / "txaio-core", "src/txaio/_core/_version.py", NEXT_MAJOR, out)


def test_lowest_allowed_versions_pass_the_conformance_suite(wheels: dict[str, Path], tmp_path: Path) -> None:
    requirements = lowest_requirements(wheels)
    venv = Venv.create(tmp_path / "venv")
    venv.install(*requirements, wheels=wheels, options=("--resolution", "lowest-direct"))
    installed = venv.distributions()
    bounds = {normalize(Requirement(text).name): lower_bound(text) for text in requirements}
    assert {"twisted", "zope-interface"} <= set(bounds)
    for name, bound in bounds.items():
        if bound is not None:
            assert Version(installed[name]) == Version(bound), f"{name} {installed[name]} is not the lowest allowed"
    if not conformance_tests_exist():
        pytest.skip("tests-integration/conformance has no tests yet")
    venv.install(*TEST_TOOLS)  # at their newest: they are tools, not what is under test
    result = run_conformance(venv, tmp_path / "conformance.xml")
    for framework in BACKENDS:
        assert result.count(framework, "passed") > 0, f"no conformance test passed on {framework}:\n{result.output}"


@pytest.mark.parametrize("backend", sorted(BACKENDS.values()))
def test_the_resolver_refuses_a_next_major_core_beside_a_backend(
    backend: str, wheels: dict[str, Path], next_major_core: Path, tmp_path: Path
) -> None:
    venv = Venv.create(tmp_path / "venv")
    result = uv(
        "pip",
        "install",
        "--python",
        str(venv.python),
        "--find-links",
        str(next_major_core.parent),
        "--find-links",
        str(wheels[backend].parent),
        f"txaio-core=={NEXT_MAJOR}",
        f"{backend}=={wheel_version(wheels[backend])}",
    )
    assert result.returncode != 0
    assert "txaio-core" in result.stderr
    assert backend in result.stderr
    assert "txaio-core" not in venv.distributions()


@pytest.mark.parametrize("framework", sorted(BACKENDS))
def test_a_backend_forced_beside_a_next_major_core_refuses_at_import(
    framework: str, wheels: dict[str, Path], next_major_core: Path, tmp_path: Path
) -> None:
    backend = BACKENDS[framework]
    venv = Venv.create(tmp_path / "venv")
    venv.install(str(next_major_core), options=("--no-deps",))
    venv.install(str(wheels["txaio-log"]), str(wheels[backend]), options=("--no-deps",))
    if framework == "twisted":
        venv.install("twisted", "zope.interface")
    assert venv.distributions()["txaio-core"] == NEXT_MAJOR
    report = venv.json_of(
        "import json, txaio\n"
        "try:\n"
        f"    txaio.use_{framework}()\n"
        "except ImportError as exc:\n"
        "    error = str(exc)\n"
        "else:\n"
        "    error = None\n"
        "print(json.dumps({'error': error, 'explicit': txaio._explicit_framework}))"
    )
    error = str(report["error"])
    assert f"{backend} needs txaio-core>=1.0,<2" in error
    assert f"txaio-core {NEXT_MAJOR} is installed" in error
    assert report["explicit"] is None
