"""Read and rewrite the ``__version__ = "..."`` line that hatchling reads a version from."""

from __future__ import annotations

import re
from pathlib import Path

from tools.release.errors import ReleaseError

_VERSION_LINE = re.compile(
    r"""^__version__[ \t]*=[ \t]*(?P<quote>["'])(?P<version>[^"']+)(?P=quote)[ \t]*$""", re.MULTILINE
)


def read_version(path: Path) -> str:
    """The version declared in ``path``; one declaration, or the file is ambiguous."""
    matches = list(_VERSION_LINE.finditer(_read(path)))
    if len(matches) != 1:
        raise ReleaseError(f'{path}: expected exactly one line `__version__ = "..."`, found {len(matches)}')
    return matches[0].group("version")


def write_version(path: Path, version: str) -> None:
    """Replace the declared version, keeping every other line of the file as it was."""
    text = _read(path)
    read_version(path)  # refuses ambiguous files before writing
    path.write_text(_VERSION_LINE.sub(f'__version__ = "{version}"', text), encoding="utf-8")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReleaseError(f"cannot read the version file {path}: {exc.strerror}") from exc
