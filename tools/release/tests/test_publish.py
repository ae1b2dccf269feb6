"""``publish`` against a clone and a real index (pypiserver): it uploads a tagged release once, and
refuses everything else, with a clear message, before anything reaches the index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tools.index_server import IndexServer, free_port
from tools.release.tests.throwaway_clone import current_version, git, release, set_version


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexServer]:
    """One real index for the module; each test publishes a distribution no other test does."""
    with IndexServer(tmp_path_factory.mktemp("index") / "packages") as server:
        yield server


def publish(root: Path, index: IndexServer, *args: str, index_url: str | None = None) -> tuple[int, str]:
    """``publish`` to ``index`` with its credentials; the exit status and everything printed."""
    urls = ["--repository-url", index.url, "--index-url", index_url or index.simple_url]
    done = release("publish", root, *args, *urls, env=index.publish_env())
    return done.returncode, done.stdout + done.stderr


def on_index(index: IndexServer) -> dict[str, float]:
    """The files the index holds, with their modification times."""
    return {path.name: path.stat().st_mtime for path in index.upload_dir.iterdir()}


def test_publish_uploads_the_sdist_and_the_wheel_of_the_tag_once(released: Path, index: IndexServer) -> None:
    version = current_version(released, "txaio-testutil")
    files = {f"txaio_testutil-{version}.tar.gz", f"txaio_testutil-{version}-py3-none-any.whl"}

    status, output = publish(released, index, "txaio-testutil")

    assert status == 0, output
    assert files <= set(on_index(index))
    assert f"Published txaio-testutil {version}" in output
    for name in files:  # the files uploaded are kept in dist/<dist>
        assert (released / "dist" / "txaio-testutil" / name).read_bytes() == (index.upload_dir / name).read_bytes()
    before = on_index(index)

    status, output = publish(released, index, "txaio-testutil")

    assert status == 2
    assert f"txaio-testutil {version} is already on {index.simple_url}" in output
    assert "Uploading" not in output  # refused before uv publish ran
    assert on_index(index) == before


def test_a_dry_run_builds_and_checks_and_uploads_nothing(released: Path, index: IndexServer) -> None:
    before = on_index(index)

    status, output = publish(released, index, "txaio-log", "--dry-run")

    assert status == 0, output
    assert "txaio-log: pyroma 10/10: ok" in output
    assert "txaio-log: LICENSE in wheel and sdist: ok" in output
    assert "Dry run: nothing uploaded" in output
    assert sorted(path.name for path in (released / "dist" / "txaio-log").iterdir()) == [
        f"txaio_log-{current_version(released, 'txaio-log')}-py3-none-any.whl",
        f"txaio_log-{current_version(released, 'txaio-log')}.tar.gz",
    ]
    assert on_index(index) == before


def commit_after_the_tag(root: Path) -> None:
    (root / "packages" / "txaio-core" / "README.md").write_text("changed\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "after the tag")


def edit_the_readme(root: Path) -> None:
    with (root / "packages" / "txaio-core" / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("an edit\n")


def add_an_untracked_file(root: Path) -> None:
    (root / "packages" / "txaio-core" / "src" / "txaio" / "stray.py").write_text("x = 1\n", encoding="utf-8")


def edit_the_licence(root: Path) -> None:
    (root / "LICENSE").write_text("Other terms.\n", encoding="utf-8")


def tag_a_version_written_unnormalised(root: Path) -> None:
    """``1.00.0`` is 1.0.0 to every tool, but its tag is not the name the artifacts carry."""
    major = current_version(root, "txaio-core").split(".")[0]
    set_version(root, "txaio-core", f"{major}.00.0")
    git(root, "commit", "--quiet", "-am", "unnormalised version")
    git(root, "tag", f"txaio-core-v{major}.00.0")


def nothing(root: Path) -> None:
    pass


@pytest.mark.parametrize(
    ("situation", "args", "message"),
    [
        (commit_after_the_tag, [], ") is not at txaio-core-v1.0.0 ("),
        (edit_the_readme, [], "the work tree differs from txaio-core-v1.0.0 in: packages/txaio-core/README.md"),
        (add_an_untracked_file, [], "differs from txaio-core-v1.0.0 in: packages/txaio-core/src/txaio/stray.py"),
        (edit_the_licence, [], "differs from txaio-core-v1.0.0 in: LICENSE"),
        (tag_a_version_written_unnormalised, [], "its file name says txaio-core 1.0.0, the tag says txaio-core 1.00.0"),
        (nothing, ["txaio-cor"], "unknown distribution 'txaio-cor'"),
    ],
    ids=["head-past-tag", "edited", "untracked", "licence", "unnormalised", "unknown"],
)
def test_publish_refuses_and_uploads_nothing(
    released: Path, index: IndexServer, situation: Callable[[Path], None], args: list[str], message: str
) -> None:
    situation(released)
    before = on_index(index)

    status, output = publish(released, index, *(args or ["txaio-core"]))

    assert status == 2
    assert message in output
    assert on_index(index) == before


def test_publish_refuses_a_release_never_tagged(clone: Path, index: IndexServer) -> None:
    status, output = publish(clone, index, "txaio-core")

    assert status == 2
    assert "no tag txaio-core-v1.0.0: prepare the release" in output


def test_publish_refuses_when_the_index_cannot_be_asked(released: Path, index: IndexServer) -> None:
    before = on_index(index)
    nowhere = f"http://127.0.0.1:{free_port()}/simple/"

    status, output = publish(released, index, "txaio-core", index_url=nowhere)

    assert status == 2
    assert f"cannot tell what {nowhere}txaio-core/ holds" in output
    assert on_index(index) == before


def test_another_repository_needs_its_simple_api_named(released: Path, index: IndexServer) -> None:
    done = release("publish", released, "txaio-core", "--repository-url", index.url)

    assert done.returncode == 2
    assert f"--repository-url {index.url} needs --index-url too" in done.stderr


def test_the_index_itself_refuses_a_file_it_has(released: Path, index: IndexServer, tmp_path: Path) -> None:
    """The second line of defence: told (wrongly) that nothing is published, the upload still fails."""
    assert publish(released, index, "txaio-asyncio")[0] == 0
    before = on_index(index)

    with IndexServer(tmp_path / "empty") as empty:
        status, output = publish(released, index, "txaio-asyncio", index_url=empty.simple_url)

    assert status == 2
    assert "already exists" in output
    assert f"the upload to {index.url} failed" in output
    assert on_index(index) == before


def test_an_upload_without_valid_credentials_is_refused_by_the_index(released: Path, index: IndexServer) -> None:
    before = on_index(index)
    env = {"UV_PUBLISH_USERNAME": index.username, "UV_PUBLISH_PASSWORD": "wrong"}
    urls = ["--repository-url", index.url, "--index-url", index.simple_url]

    done = release("publish", released, "txaio-twisted", *urls, env=env)

    assert done.returncode == 2
    assert f"the upload to {index.url} failed" in done.stderr
    # pypiserver answers 403 before reading the upload, so uv sees either that answer or the
    # connection closed under it ("Broken pipe"): refused either way, and nothing landed.
    assert on_index(index) == before
