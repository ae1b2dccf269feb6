"""The version file keeps everything but the version; ambiguous files are refused untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.release.errors import ReleaseError
from tools.release.versionfile import read_version, write_version


def test_write_replaces_only_the_version(tmp_path: Path) -> None:
    path = tmp_path / "_version.py"
    path.write_text('"""Doc."""\n\n__version__ = "1.2.3"\n', encoding="utf-8")

    write_version(path, "1.3.0")

    assert path.read_text(encoding="utf-8") == '"""Doc."""\n\n__version__ = "1.3.0"\n'
    assert read_version(path) == "1.3.0"


def test_ambiguous_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "_version.py"
    text = '__version__ = "1.2.3"\n__version__ = "1.2.4"\n'
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ReleaseError, match="exactly one"):
        write_version(path, "2.0.0")

    assert path.read_text(encoding="utf-8") == text


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReleaseError, match="cannot read the version file"):
        read_version(tmp_path / "absent.py")
