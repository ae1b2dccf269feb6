"""mypy and pyright see the typed API on a fresh install, after pip's upgrade from 26.6.1, and editable.

Every part ships ``py.typed`` in its own folders, and txaio-core ships a partial
stub package ``txaio-stubs`` for ``txaio`` itself: pip's upgrade from 26.6.1
deletes ``txaio/__init__.py`` and ``txaio/py.typed``, paths that only those
two stand in for, so checkers keep the whole typed API after it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import PACKAGES, ROOT
from matrix import Venv, must, pinned, run

SAMPLE = """
import txaio
import txaio.aio
import txaio.interfaces
import txaio.testutil
import txaio.tx

reveal_type(txaio.use_asyncio)
reveal_type(txaio.aio.create_future)
reveal_type(txaio.tx.create_future)
reveal_type(txaio.interfaces.IFailedFuture)
reveal_type(txaio.testutil.replace_loop)
reveal_type(txaio.config)
"""


def mypy(python: Path, where: Path) -> list[str]:
    result = run(sys.executable, "-m", "mypy", "--strict", "--python-executable", python, "sample.py", cwd=where)
    lines = [line for line in result.stdout.splitlines() if "Revealed type" in line]
    assert result.returncode == 0, result.stdout
    return lines


def pyright(python: Path, where: Path, extra_paths: tuple[Path, ...] = ()) -> list[str]:
    config = {"pythonVersion": "3.11", "typeCheckingMode": "strict", "extraPaths": [str(path) for path in extra_paths]}
    (where / "pyrightconfig.json").write_text(json.dumps(config))
    result = run(sys.executable, "-m", "pyright", "--pythonpath", python, "sample.py", cwd=where)
    lines = [line for line in result.stdout.splitlines() if "Type of" in line]
    assert result.returncode == 0, result.stdout
    return lines


def assert_typed(python: Path, where: Path, *, pyright_extra_paths: tuple[Path, ...] = ()) -> None:
    (where / "sample.py").write_text(SAMPLE)
    for lines in (mypy(python, where), pyright(python, where, pyright_extra_paths)):
        assert len(lines) == SAMPLE.count("reveal_type"), lines
        for line in lines:
            # An unresolved or untyped module makes the whole revealed type Any / Unknown.
            assert not line.rstrip().endswith(('"Any"', '"Unknown"')), line


@pytest.fixture
def installed(wheels: dict[str, Path], tmp_path: Path) -> Venv:
    venv = Venv.create(tmp_path / "venv")
    venv.install(pinned(wheels, "txaio", "[twisted]"), wheels=wheels)
    return venv


def site_packages(venv: Venv) -> Path:
    return Path(venv.json_of("import json, sysconfig; print(json.dumps(sysconfig.get_paths()['purelib']))"))


def test_a_fresh_install_is_typed(installed: Venv, tmp_path: Path) -> None:
    assert_typed(installed.python, tmp_path)


def test_what_pip_leaves_after_upgrading_26_6_1_is_typed(installed: Venv, tmp_path: Path) -> None:
    site = site_packages(installed)
    (site / "txaio" / "__init__.py").unlink()
    (site / "txaio" / "py.typed").unlink()
    assert_typed(installed.python, tmp_path)


def test_an_editable_checkout_is_typed(tmp_path: Path) -> None:
    """mypy reads the editable install; pyright, which does not merge a package split over
    several folders, reads the linked tree of the checkout, as the root pyproject.toml says."""
    venv = Venv.create(tmp_path / "venv")
    parts = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil")
    sources = [PACKAGES / dist for dist in parts]
    editable = [arg for source in sources for arg in ("--editable", str(source))]
    must(run(sys.executable, "-m", "uv", "pip", "install", "--python", venv.python, "--no-deps", *editable))
    venv.install("twisted")
    tree = tmp_path / "linked"
    must(run("bash", ROOT / "tools" / "linked-tree", tree))
    assert_typed(venv.python, tmp_path, pyright_extra_paths=(tree,))
