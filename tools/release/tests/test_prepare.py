"""``prepare`` against a clone: it touches one package only, and refuses bad input untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.release.tests.throwaway_clone import add_fragment, current_version, git, release, status


def next_minor(version: str) -> str:
    major, minor, _ = (int(part) for part in version.split("."))
    return f"{major}.{minor + 1}.0"


def test_prepare_log_changes_only_log(clone: Path) -> None:
    add_fragment(clone, "txaio-log", "10.feature.md", "Log sinks can be swapped at run time.")
    add_fragment(clone, "txaio-log", "11.bugfix.md", "Levels compare by severity.")
    git(clone, "add", "-A")
    git(clone, "commit", "--quiet", "-m", "fragments")
    old = current_version(clone, "txaio-log")
    new = next_minor(old)

    done = release("prepare", clone, "txaio-log", "minor", "--date", "2026-11-24")

    assert done.returncode == 0, done.stderr
    assert status(clone) == [
        "packages/txaio-log/CHANGELOG.md",
        "packages/txaio-log/changes/10.feature.md",
        "packages/txaio-log/changes/11.bugfix.md",
        "packages/txaio-log/src/txaio/log/_version.py",
    ]
    assert current_version(clone, "txaio-log") == new
    assert not (clone / "packages/txaio-log/changes/10.feature.md").exists()
    assert (clone / "packages/txaio-log/changes/.gitkeep").exists()
    changelog = (clone / "packages/txaio-log/CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## txaio-log {new} (2026-11-24)" in changelog
    assert "- Log sinks can be swapped at run time. (#10)" in changelog
    assert "- Levels compare by severity. (#11)" in changelog
    assert f"txaio-log-v{new}" in done.stdout
    assert f"git push origin txaio-log-v{new}" in done.stdout
    assert "hatch run release:publish txaio-log --dry-run" in done.stdout
    assert "must follow" not in done.stdout


def test_prepare_core_major_names_the_packages_that_must_follow(clone: Path) -> None:
    add_fragment(clone, "txaio-core", "12.removal.md", "A removal.")
    major = int(current_version(clone, "txaio-core").split(".")[0])

    done = release("prepare", clone, "txaio-core", "major", "--date", "2026-11-24")

    assert done.returncode == 0, done.stderr
    assert current_version(clone, "txaio-core") == f"{major + 1}.0.0"
    assert all(path.startswith("packages/txaio-core/") for path in status(clone))
    follow = next(line for line in done.stdout.splitlines() if line.startswith("Packages that must follow:"))
    assert "txaio-log" in follow
    assert "txaio," in follow or follow.endswith("txaio")  # the meta-package
    assert "txaio-core" not in follow


def test_prepare_meta_uses_calver_of_the_release_month(clone: Path) -> None:
    add_fragment(clone, "txaio", "13.misc.md", "Requires the new parts.")
    year, month, serial = (int(part) for part in current_version(clone, "txaio").split("."))

    done = release("prepare", clone, "txaio", "patch", "--date", f"{2000 + year}-{month:02d}-28")

    assert done.returncode == 0, done.stderr
    assert current_version(clone, "txaio") == f"{year}.{month}.{serial + 1}"
    assert all(path.startswith("packages/txaio/") for path in status(clone))
    assert f"txaio-v{year}.{month}.{serial + 1}" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["txaio-logg", "minor"], "unknown distribution 'txaio-logg'"),
        (["txaio-log", "huge"], "unknown version part 'huge'"),
        (["txaio-log", "minor"], "nothing to release"),  # no fragment
        (["txaio-log", "minor", "--date", "soon"], "not a date"),
    ],
)
def test_prepare_refuses_bad_input_and_changes_nothing(clone: Path, args: list[str], message: str) -> None:
    head = git(clone, "rev-parse", "HEAD")

    done = release("prepare", clone, *args)

    assert done.returncode == 2
    assert message in done.stderr
    assert status(clone) == []
    assert git(clone, "rev-parse", "HEAD") == head


def test_prepare_refuses_a_fragment_of_unknown_type(clone: Path) -> None:
    add_fragment(clone, "txaio-log", "10.feature.md", "Fine.")
    add_fragment(clone, "txaio-log", "11.feat.md", "Typo in the type.")
    before = status(clone)

    done = release("prepare", clone, "txaio-log", "patch")

    assert done.returncode == 2
    assert "11.feat.md" in done.stderr
    assert status(clone) == before
    assert (clone / "packages/txaio-log/changes/10.feature.md").exists()


def test_prepare_refuses_an_existing_tag(clone: Path) -> None:
    add_fragment(clone, "txaio-log", "10.feature.md", "Fine.")
    version = current_version(clone, "txaio-log")
    git(clone, "tag", f"txaio-log-v{next_minor(version)}")
    before = status(clone)

    done = release("prepare", clone, "txaio-log", "minor")

    assert done.returncode == 2
    assert "already exists" in done.stderr
    assert status(clone) == before
    assert current_version(clone, "txaio-log") == version
