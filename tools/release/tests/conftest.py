"""Fixtures: a clone of HEAD without tags or pending fragments, and one right after releases."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]
if str(REPOSITORY) not in sys.path:
    sys.path.insert(0, str(REPOSITORY))

from tools.release.tests.throwaway_clone import git, make_clone, tag_current_versions  # noqa: E402


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone of HEAD without tags, with every fragment removed and committed: nothing pending."""
    root = make_clone(tmp_path / "repo")
    for fragment in root.glob("packages/*/changes/*"):
        if not fragment.name.startswith("."):
            git(root, "rm", "--quiet", str(fragment.relative_to(root)))
    git(root, "commit", "--quiet", "--allow-empty", "-m", "no pending fragments")
    return root


@pytest.fixture
def released(clone: Path) -> Path:
    """The clone with every package tagged at its current version, as right after releases."""
    tag_current_versions(clone)
    return clone
