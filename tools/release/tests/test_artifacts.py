"""The name and version an sdist and a wheel carry, in their file names and in their metadata."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from tools.release.artifacts import Artifacts, disagreements
from tools.release.errors import ReleaseError


def metadata(name: str, version: str) -> bytes:
    return f"Metadata-Version: 2.4\nName: {name}\nVersion: {version}\n\n".encode()


def make_wheel(folder: Path, filename: str, name: str, version: str) -> Path:
    path = folder / filename
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{filename.split('-', maxsplit=1)[0]}-{version}.dist-info/METADATA", metadata(name, version))
    return path


def make_sdist(folder: Path, filename: str, name: str, version: str) -> Path:
    path = folder / filename
    top = filename.removesuffix(".tar.gz")
    with tarfile.open(path, "w:gz") as archive:
        data = metadata(name, version)
        info = tarfile.TarInfo(f"{top}/PKG-INFO")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def artifacts(tmp_path: Path, sdist: tuple[str, str, str], wheel: tuple[str, str, str]) -> Artifacts:
    return Artifacts(sdist=make_sdist(tmp_path, *sdist), wheel=make_wheel(tmp_path, *wheel), tree=tmp_path)


def test_artifacts_that_agree_with_the_tag(tmp_path: Path) -> None:
    built = artifacts(
        tmp_path,
        ("txaio_log-1.2.0.tar.gz", "txaio-log", "1.2.0"),
        ("txaio_log-1.2.0-py3-none-any.whl", "txaio-log", "1.2.0"),
    )
    assert disagreements(built, "txaio-log", "1.2.0") == []


def test_a_file_named_for_another_version(tmp_path: Path) -> None:
    built = artifacts(
        tmp_path,
        ("txaio_log-1.2.1.tar.gz", "txaio-log", "1.2.0"),
        ("txaio_log-1.2.0-py3-none-any.whl", "txaio-log", "1.2.0"),
    )
    assert disagreements(built, "txaio-log", "1.2.0") == [
        "txaio_log-1.2.1.tar.gz: its file name says txaio-log 1.2.1, the tag says txaio-log 1.2.0"
    ]


def test_metadata_naming_another_distribution(tmp_path: Path) -> None:
    built = artifacts(
        tmp_path,
        ("txaio_log-1.2.0.tar.gz", "txaio-log", "1.2.0"),
        ("txaio_log-1.2.0-py3-none-any.whl", "txaio-core", "1.2.0"),
    )
    assert disagreements(built, "txaio-log", "1.2.0") == [
        "txaio_log-1.2.0-py3-none-any.whl: its metadata says txaio-core 1.2.0, the tag says txaio-log 1.2.0"
    ]


def test_an_archive_without_metadata_is_an_error(tmp_path: Path) -> None:
    sdist = make_sdist(tmp_path, "txaio_log-1.2.0.tar.gz", "txaio-log", "1.2.0")
    wheel = tmp_path / "txaio_log-1.2.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("txaio/log/__init__.py", "")
    with pytest.raises(ReleaseError, match="holds no metadata"):
        disagreements(Artifacts(sdist=sdist, wheel=wheel, tree=tmp_path), "txaio-log", "1.2.0")
