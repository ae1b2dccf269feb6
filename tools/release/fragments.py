"""Towncrier fragments and changelog entries: what a release of one distribution would contain."""

from __future__ import annotations

import re
from pathlib import Path

from tools.release.workspace import Package


def fragment_files(package: Package) -> list[Path]:
    """Every file in the fragment folder except hidden ones such as ``.gitkeep``."""
    if not package.fragment_dir.is_dir():
        return []
    return sorted(path for path in package.fragment_dir.iterdir() if path.is_file() and not path.name.startswith("."))


def fragment_type(package: Package, path: Path) -> str | None:
    """The type in ``<issue>.<type>[.<n>].md``, or None when it names no configured type."""
    for part in path.name.split(".")[1:]:
        if part in package.fragment_types:
            return part
    return None


def valid_fragments(package: Package) -> list[Path]:
    """The fragments towncrier will render."""
    return [path for path in fragment_files(package) if fragment_type(package, path) is not None]


def invalid_fragments(package: Package) -> list[Path]:
    """Files in the fragment folder that towncrier would not recognise: usually a typo in the type."""
    return [path for path in fragment_files(package) if fragment_type(package, path) is None]


def changelog_has_entries(package: Package) -> bool:
    """Whether any release notes follow the changelog's start marker."""
    try:
        text = package.changelog.read_text(encoding="utf-8")
    except OSError:
        return False
    marker = package.start_string.strip()
    _, found, notes = text.partition(marker)
    return bool(found) and bool(notes.strip())


def changelog_mentions(package: Package, version: str) -> bool:
    """Whether a changelog heading names ``version``: ``prepare`` has built that release's notes."""
    try:
        text = package.changelog.read_text(encoding="utf-8")
    except OSError:
        return False
    heading = re.compile(rf"^#+ .*(?<![\w.]){re.escape(version)}(?![\w.])", re.MULTILINE)
    return heading.search(text) is not None
