"""Independent cadence: one part released alone reaches users, and the others stay as published.

In the throwaway clone where every part was published (``published_index``), each step is one
release of one part, as a maintainer makes it (``release:prepare``, commit, tag,
``release:publish``), uploaded to a second local index that serves the first one's files too:
a txaio-twisted patch, then a txaio-core minor, then a txaio-core major that no published
backend admits. Users then upgrade with pip and with uv, from that index only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from from_index import TOOLS, UV, IndexVenv, run, txaio_parts
from matrix import BACKENDS, must, run_conformance, select_framework
from releasing import release_part

from tools.index_server import IndexServer
from tools.release.tests.throwaway_clone import git, release


@pytest.fixture(scope="module")
def cadence_index(
    tmp_path_factory: pytest.TempPathFactory, published_index: IndexServer, index_files: Path
) -> Iterator[IndexServer]:
    """An index whose uploads land in a folder of its own, serving all that was published before."""
    folder = tmp_path_factory.mktemp("cadence") / "packages"
    with IndexServer(folder, published_index.upload_dir, index_files) as server:
        yield server


@pytest.fixture(scope="module")
def twisted_patch(cadence_index: IndexServer, release_clone: Path) -> str:
    return release_part(release_clone, cadence_index, "txaio-twisted", "patch", "A fix in the Twisted backend.")


@pytest.fixture(scope="module")
def core_minor(twisted_patch: str, cadence_index: IndexServer, release_clone: Path) -> str:
    return release_part(release_clone, cadence_index, "txaio-core", "minor", "Something new in core.")


@pytest.fixture(scope="module")
def core_major(core_minor: str, cadence_index: IndexServer, release_clone: Path) -> str:
    return release_part(release_clone, cadence_index, "txaio-core", "major", "A break: 2.0.")


@pytest.mark.parametrize("tool", TOOLS)
def test_upgrading_txaio_twisted_changes_that_part_only(
    tool: str, cadence_index: IndexServer, published_versions: dict[str, str], twisted_patch: str, tmp_path: Path
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", cadence_index.simple_url)
    must(venv.install(tool, f"txaio-twisted=={published_versions['txaio-twisted']}"))
    installed = venv.installed()

    must(venv.install(tool, "-U", "txaio-twisted"))

    assert venv.installed() == installed | {"txaio-twisted": twisted_patch}
    assert twisted_patch != published_versions["txaio-twisted"]
    assert select_framework(venv.venv, "twisted")["error"] is None


@pytest.mark.parametrize("tool", TOOLS)
def test_a_new_core_minor_installs_with_the_published_backends_unchanged(
    tool: str,
    cadence_index: IndexServer,
    published_versions: dict[str, str],
    twisted_patch: str,
    core_minor: str,
    tmp_path: Path,
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", cadence_index.simple_url)

    must(venv.install(tool, "txaio-asyncio", "txaio-twisted", "txaio-testutil", "pytest"))

    parts = txaio_parts(venv.installed())
    assert parts["txaio-core"] == core_minor
    assert parts["txaio-log"] == published_versions["txaio-log"]
    assert parts["txaio-twisted"] == twisted_patch
    result = run_conformance(venv.venv, tmp_path / "conformance.xml")
    for framework in BACKENDS:
        assert result.count(framework, "passed") > 0, result.output
        assert result.count(framework, "failed") == 0


@pytest.mark.parametrize("tool", TOOLS)
def test_a_next_major_core_is_left_out_by_a_plain_upgrade(
    tool: str, cadence_index: IndexServer, core_minor: str, core_major: str, tmp_path: Path
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", cadence_index.simple_url)
    must(venv.install(tool, "txaio-asyncio"))
    assert venv.installed()["txaio-core"] == core_minor  # the newest the published backend allows

    must(venv.install(tool, "-U", "txaio-asyncio"))

    assert venv.installed()["txaio-core"] == core_minor
    assert core_major.split(".", maxsplit=1)[0] != core_minor.split(".", maxsplit=1)[0]
    assert select_framework(venv.venv, "asyncio")["error"] is None


#: What each resolver says, in its own words: what was asked, and which range stands in the way.
WHY_NOT = {
    "pip": ("The user requested txaio-core=={major}", "txaio-asyncio {asyncio} depends on txaio-core<2"),
    "uv": ("you require txaio-core=={major}", "all versions of txaio-asyncio depend on txaio-core<2"),
}


@pytest.mark.parametrize("tool", TOOLS)
def test_asking_for_the_next_major_core_and_a_backend_says_why_not(
    tool: str, cadence_index: IndexServer, published_versions: dict[str, str], core_major: str, tmp_path: Path
) -> None:
    venv = IndexVenv.create(tmp_path / "venv", cadence_index.simple_url)

    done = venv.install(tool, "txaio-asyncio", f"txaio-core=={core_major}")

    assert done.returncode != 0
    message = done.stdout + done.stderr
    asyncio = published_versions["txaio-asyncio"]
    for sentence in WHY_NOT[tool]:
        assert sentence.format(major=core_major, asyncio=asyncio) in message, message
    assert venv.installed() == {}


def test_a_second_upload_of_a_published_version_is_refused_before_it_reaches_the_index(
    cadence_index: IndexServer, release_clone: Path, twisted_patch: str
) -> None:
    tag = f"txaio-twisted-v{twisted_patch}"
    held = {path.name: path.stat().st_mtime for path in cadence_index.upload_dir.iterdir()}
    git(release_clone, "checkout", "--quiet", tag)
    try:
        done = release(
            "publish",
            release_clone,
            "txaio-twisted",
            "--repository-url",
            cadence_index.url,
            "--index-url",
            cadence_index.simple_url,
            env=cadence_index.publish_env(),
        )
    finally:
        git(release_clone, "checkout", "--quiet", "-")  # back to the branch

    assert done.returncode == 2
    assert f"txaio-twisted {twisted_patch} is already on {cadence_index.simple_url}" in done.stderr
    assert "Uploading" not in done.stdout + done.stderr  # uv publish never ran
    assert {path.name: path.stat().st_mtime for path in cadence_index.upload_dir.iterdir()} == held


def test_the_index_refuses_to_replace_a_file_it_holds(cadence_index: IndexServer, twisted_patch: str) -> None:
    """Behind release:publish, the second line: pypiserver itself never overwrites a file."""
    (wheel,) = cadence_index.upload_dir.glob(f"txaio_twisted-{twisted_patch}-*.whl")
    credentials = ("--username", cadence_index.username, "--password", cadence_index.password)

    done = run(*UV, "publish", "--publish-url", cadence_index.url, *credentials, wheel)

    assert done.returncode != 0
    assert "already exists" in done.stdout + done.stderr
