"""``check`` compares each distribution's public API with its last tag, in a clone.

Most tests give txaio-log a small public module of their own, tag it as released, then
change it: what is checked is the tooling, not today's API.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.release.tests.throwaway_clone import add_fragment, current_version, git, release, set_version

SAMPLE = "packages/txaio-log/src/txaio/log/contract_sample.py"
SAMPLE_IMPL = "packages/txaio-log/src/txaio/log/_contract_sample.py"

PUBLIC = '''"""A public module made by the tests."""

from txaio.log._contract_sample import helper as helper


def sample(first: int, second: int = 2) -> int:
    return first + second


def other() -> None:
    pass
'''

PRIVATE = '''"""Its private implementation."""


def helper(value: int) -> int:
    return value


def internal(value: int) -> int:
    return value
'''


def problems(output: str) -> list[str]:
    return [line.strip()[2:] for line in output.splitlines() if line.startswith("  - ")]


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def sampled(released: Path) -> Path:
    """The released clone, txaio-log's release holding the sample module."""
    (released / SAMPLE).write_text(PUBLIC, encoding="utf-8")
    (released / SAMPLE_IMPL).write_text(PRIVATE, encoding="utf-8")
    git(released, "add", "-A")
    git(released, "commit", "--quiet", "-m", "sample API")
    git(released, "tag", "--force", f"txaio-log-v{current_version(released, 'txaio-log')}")
    add_fragment(released, "txaio-log", "16.misc.md", "A change.")  # every change below needs one
    return released


def test_an_unchanged_api_passes(sampled: Path) -> None:
    done = release("check", sampled)

    assert done.returncode == 0, done.stdout
    assert "breaking" not in done.stdout


def test_a_removed_public_function_fails_and_is_named(sampled: Path) -> None:
    edit(sampled, SAMPLE, "def other() -> None:\n    pass\n", "")

    done = release("check", sampled)

    assert done.returncode == 1
    tag = f"txaio-log-v{current_version(sampled, 'txaio-log')}"
    assert problems(done.stdout) == [
        f"txaio-log: txaio.log.contract_sample.other: Public object was removed (old: present, new: -): "
        f"breaks the API of {tag} without a major bump"
    ]


def test_a_major_bump_allows_the_removal_and_still_prints_it(sampled: Path) -> None:
    edit(sampled, SAMPLE, "def other() -> None:\n    pass\n", "")
    major = int(current_version(sampled, "txaio-log").split(".")[0])
    set_version(sampled, "txaio-log", f"{major + 1}.0.0")
    for dependent in ("txaio-asyncio", "txaio-twisted", "txaio-testutil", "txaio"):  # widen the ranges it leaves behind
        pyproject = f"packages/{dependent}/pyproject.toml"
        edit(sampled, pyproject, f'"txaio-log>={major}.0,<{major + 1}"', f'"txaio-log>={major}.0,<{major + 2}"')
        add_fragment(sampled, dependent, "16.misc.md", f"Accepts txaio-log {major + 1}.")

    done = release("check", sampled)

    assert done.returncode == 0, done.stdout
    assert f"note: txaio-log {major + 1}.0.0: breaking API changes since txaio-log-v" in done.stdout
    assert "txaio.log.contract_sample.other: Public object was removed" in done.stdout


def test_a_parameter_added_with_a_default_passes(sampled: Path) -> None:
    edit(sampled, SAMPLE, "second: int = 2)", "second: int = 2, third: int = 3)")

    done = release("check", sampled)

    assert done.returncode == 0, done.stdout


def test_a_renamed_parameter_fails(sampled: Path) -> None:
    edit(sampled, SAMPLE, "def sample(first: int,", "def sample(one: int,")

    done = release("check", sampled)

    assert done.returncode == 1
    found = problems(done.stdout)
    assert any("txaio.log.contract_sample.sample: Parameter was removed (old: first: int, new: -)" in p for p in found)
    assert all(p.startswith("txaio-log: txaio.log.contract_sample.sample: ") for p in found), found


def test_a_re_export_is_named_by_its_public_path(sampled: Path) -> None:
    edit(sampled, SAMPLE_IMPL, "def helper(value: int)", "def helper(value: int, scale: int)")

    done = release("check", sampled)

    assert done.returncode == 1
    assert [p.split(" (")[0] for p in problems(done.stdout)] == [
        "txaio-log: txaio.log.contract_sample.helper: Parameter was added as required"
    ]


def test_a_private_change_passes(sampled: Path) -> None:
    edit(sampled, SAMPLE_IMPL, "def internal(value: int)", "def internal(other: str, more: int)")

    done = release("check", sampled)

    assert done.returncode == 0, done.stdout


def test_a_removed_documented_private_name_of_the_facade_fails(released: Path) -> None:
    """``txaio._explicit_framework`` is 26.6.1 API despite its underscore; its import stays, its origin goes."""
    (facade,) = [
        path
        for path in (released / "packages/txaio-core/src").rglob("*.py")
        if "\n_explicit_framework: " in path.read_text(encoding="utf-8")
    ]
    text = facade.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines(keepends=True) if line.startswith("_explicit_framework: "))
    facade.write_text(text.replace(line, ""), encoding="utf-8")
    add_fragment(released, "txaio-core", "16.removal.md", "A removal.")

    done = release("check", released)

    assert done.returncode == 1
    assert [p.split(" (")[0] for p in problems(done.stdout)] == [
        "txaio-core: txaio._explicit_framework: Public object was removed"
    ]


def test_a_distribution_never_tagged_is_noted(clone: Path) -> None:
    done = release("check", clone)

    assert "note: txaio-log: never tagged, so there is no released API to compare with" in done.stdout
    assert "note: txaio: never tagged" not in done.stdout  # the meta-package has no API
