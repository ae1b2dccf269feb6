"""Shared fixtures of the integration suite: every wheel, built once per run; a published index."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tools import index_cache
from tools.index_server import IndexServer
from tools.release.tests.throwaway_clone import current_version, make_clone, tag_current_versions

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "packages"
DISTRIBUTIONS = ("txaio-core", "txaio-log", "txaio-asyncio", "txaio-twisted", "txaio-testutil", "txaio")


#: A folder holding the six wheels already built for this run (``hatch run test`` builds them
#: once for every suite that needs them: tools/run_suites.py); unset, the suite builds its own.
WHEELS_VARIABLE = "TXAIO_WHEELS_DIR"


def wheel_of(folder: Path, dist: str) -> Path:
    """The one wheel of ``dist`` in ``folder``, or an error that says what is there instead."""
    prefix = dist.replace("-", "_") + "-"
    found = [path for path in folder.glob("*.whl") if path.name.startswith(prefix)]
    if len(found) != 1:
        raise RuntimeError(f"{folder} must hold one wheel of {dist}, and holds {[p.name for p in found]}")
    return found[0]


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each distribution's wheel, built from its own folder once (or taken from ``TXAIO_WHEELS_DIR``)."""
    given = os.environ.get(WHEELS_VARIABLE)
    if given:
        return {dist: wheel_of(Path(given), dist) for dist in DISTRIBUTIONS}
    out = tmp_path_factory.mktemp("wheels")
    for dist in DISTRIBUTIONS:
        subprocess.run(
            [sys.executable, "-m", "uv", "build", "--wheel", "--quiet", "--out-dir", str(out), str(PACKAGES / dist)],
            check=True,
        )
    return {dist: wheel_of(out, dist) for dist in DISTRIBUTIONS}


@pytest.fixture(scope="session")
def index_files() -> Path:
    """The third-party distributions the local index serves: fetched from PyPI once, kept in build/."""
    return index_cache.fetch()


@pytest.fixture(scope="session")
def release_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway clone of HEAD with every part tagged at its current version, ready to publish."""
    root = make_clone(tmp_path_factory.mktemp("release") / "repo")
    tag_current_versions(root)
    return root


@pytest.fixture(scope="session")
def published_versions(release_clone: Path) -> dict[str, str]:
    """Each part's version as first published (later scenarios release new versions in the clone)."""
    return {dist: current_version(release_clone, dist) for dist in DISTRIBUTIONS}


@pytest.fixture(scope="session")
def published_index(
    tmp_path_factory: pytest.TempPathFactory,
    index_files: Path,
    release_clone: Path,
    published_versions: dict[str, str],
) -> Iterator[IndexServer]:
    """A real index (pypiserver) with every part published to it by ``release:publish``, and the
    third-party files; it is stopped when the session ends, however it ends."""
    from releasing import publish

    with IndexServer(tmp_path_factory.mktemp("published") / "packages", index_files) as server:
        with ThreadPoolExecutor(max_workers=3) as pool:  # each is mostly waiting on its checks' processes
            list(pool.map(lambda dist: publish(release_clone, server, dist), DISTRIBUTIONS))
        yield server
